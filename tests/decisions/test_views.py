"""The decision pages: draft from passed items, edit, issue with confirmation, downloads, the
signed file, revocation; who sees what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.models import Decision, DecisionState
from registry.models import Exemplar
from tests.decisions.helpers import authority, draft, passed_items
from tests.registry_signed.pdfs import blank_pdf
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_draft_edit_issue_and_revoke_on_the_web(client, world):  # noqa: F811
    items = passed_items(world, 2)
    province = authority()
    client.force_login(world.users["standing"])
    page = client.get(reverse("decisions:decision_create"))
    assert page.status_code == 200 and "Đặng Thị Mai" in page.content.decode()
    response = client.post(reverse("decisions:decision_create"), {
        "authority": province.pk, "items": [i.pk for i in items], "signer_name": "Lê Văn Lương",
        "signature_block": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.signature_block.endswith("PHÓ CHỦ TỊCH")
    detail = reverse("decisions:decision_detail", args=[decision.pk])
    text = client.get(detail).content.decode()
    assert "Dự thảo quyết định" in text and "Số: …/QĐ-UBND" in text and "Đặng Thị Mai" in text
    client.post(reverse("decisions:decision_edit", args=[decision.pk]), {
        "version": decision.version, "subject": "Về việc công nhận điển hình tiên tiến năm 2026",
        "legal_basis": decision.legal_basis, "proposal_text": decision.proposal_text,
        "articles": decision.articles, "recipients": decision.recipients,
        "signature_block": decision.signature_block, "signer_name": "Lê Văn Lương"})
    decision.refresh_from_db()
    assert decision.subject == "Về việc công nhận điển hình tiên tiến năm 2026"
    # issuing needs the confirmation box
    client.post(reverse("decisions:decision_issue", args=[decision.pk]),
                {"issued_on": "2026-11-20"})
    assert Decision.objects.get().state == DecisionState.DRAFT
    client.post(reverse("decisions:decision_issue", args=[decision.pk]),
                {"issued_on": "2026-11-20", "confirm": "on"})
    decision.refresh_from_db()
    assert decision.reference == "1/QĐ-UBND"
    assert "Quyết định số 1/QĐ-UBND" in client.get(detail).content.decode()
    docx = client.get(reverse("decisions:decision_docx", args=[decision.pk]))
    assert docx.status_code == 200 and "quyet-dinh-1-qd-ubnd-2026.docx" in docx["Content-Disposition"]
    pdf = client.get(reverse("decisions:decision_pdf", args=[decision.pk]))
    assert pdf.content.startswith(b"%PDF")
    # the signed scan
    upload = SimpleUploadedFile("qd-da-ky.pdf", blank_pdf(b"Quyet dinh"), "application/pdf")
    client.post(reverse("decisions:signed_upload", args=[decision.pk]), {"file": upload})
    signed = decision.signed_files.get()
    assert signed.status == "scan"
    assert "qd-da-ky.pdf" in client.get(detail).content.decode()
    download = client.get(reverse("decisions:signed_download", args=[decision.pk, signed.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    refused = SimpleUploadedFile("anh.png", b"\x89PNG", "image/png")
    client.post(reverse("decisions:signed_upload", args=[decision.pk]), {"file": refused})
    assert decision.signed_files.count() == 1
    # the unit sees its issued decision; another unit does not
    assert _page(client, world.users["officer_a"], detail).status_code == 200
    assert _page(client, world.users["officer_b"], detail).status_code == 403
    listing = _page(client, world.users["officer_b"], reverse("decisions:decision_list"))
    assert "1/QĐ-UBND" not in listing.content.decode()
    # revocation
    client.force_login(world.users["standing"])
    client.post(reverse("decisions:decision_revoke", args=[decision.pk]),
                {"reason": "Kê khai không trung thực", "legal_basis": ""})
    assert Decision.objects.get().state == DecisionState.ISSUED
    client.post(reverse("decisions:decision_revoke", args=[decision.pk]),
                {"reason": "Kê khai không trung thực", "legal_basis": "Điều 94 Luật Thi đua"})
    assert Decision.objects.get().state == DecisionState.REVOKED
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == "revoked"
    assert "Kê khai không trung thực" in client.get(detail).content.decode()


def test_a_draft_is_for_the_province_only(client, world):  # noqa: F811
    decision = draft(world, 1)
    detail = reverse("decisions:decision_detail", args=[decision.pk])
    assert _page(client, world.users["officer_a"], detail).status_code == 403
    assert _page(client, world.users["council"], detail).status_code == 200
    client.force_login(world.users["standing"])
    client.post(reverse("decisions:decision_delete", args=[decision.pk]),
                {"version": decision.version})
    assert not Decision.objects.exists()
