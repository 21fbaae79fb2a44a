"""Proposals: the lifecycle and the exemplars' moves, the frozen verdict, the achievement report
(upload through the one door, the generated Word file), the screening's checks, notices."""

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Notification
from awards.models import AwardRecord, AwardSubject, RecordSource, SubjectLink
from core.errors import DomainError, NotAllowed
from core.text import fold
from proposals import selectors, services
from proposals.models import Proposal, ProposalItem, ProposalState, ScreeningResult
from registry.enums import ExemplarState
from registry.models import Exemplar
from tests.proposals.helpers import (
    catalogue,
    docx_bytes,
    fostering,
    pdf_bytes,
    proposal_with_item,
    submitted,
)
from tests.world import world  # noqa: F401


def verified_login(user) -> Client:
    client = Client()
    client.force_login(user)  # tests/mfa.py: a privileged login is 2FA-verified
    return client


def _state(exemplar) -> str:
    return Exemplar.objects.get(pk=exemplar.pk).state


def _eligible(item) -> ProposalItem:
    """The frozen verdict said "Đủ tiêu chuẩn" (as if the evidence had been complete)."""
    ProposalItem.objects.filter(pk=item.pk).update(
        verdict={**item.verdict, "status": "eligible", "status_label": "Đủ tiêu chuẩn"})
    return ProposalItem.objects.select_related("proposal", "exemplar__registration").get(
        pk=item.pk)


@pytest.mark.django_db
def test_approval_proposes_every_exemplar_and_return_fosters_them_again(world):  # noqa: F811
    proposal, _item = submitted(world)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.approved_by == world.users["head_a"] and proposal.submitted_at
    assert _state(world.exemplar_a) == ExemplarState.PROPOSED
    services.transition_proposal(proposal=proposal, name="return", reason="Thiếu tờ trình",
                                 acting_user=world.users["standing"])
    proposal.refresh_from_db()
    assert (proposal.state, proposal.return_reason) == (ProposalState.RETURNED, "Thiếu tờ trình")
    exemplar = Exemplar.objects.get(pk=world.exemplar_a.pk)
    assert (exemplar.state, exemplar.state_reason) == (ExemplarState.FOSTERING, "Thiếu tờ trình")
    # returned is editable again, and may be sent again
    assert proposal.is_editable


@pytest.mark.django_db
def test_send_back_needs_a_reason_and_only_the_head_approves(world):  # noqa: F811
    proposal, _item = proposal_with_item(world)
    proposal = services.transition_proposal(proposal=proposal, name="send_for_approval",
                                            acting_user=world.users["officer_a"])
    with pytest.raises(NotAllowed):
        services.transition_proposal(proposal=proposal, name="approve",
                                     acting_user=world.users["officer_a"])
    with pytest.raises(DomainError) as excinfo:
        services.transition_proposal(proposal=proposal, name="send_back", reason=" ",
                                     acting_user=world.users["head_a"])
    assert excinfo.value.message == "Hãy nêu lý do."
    services.transition_proposal(proposal=proposal, name="send_back", reason="Bổ sung số liệu",
                                 acting_user=world.users["head_a"])
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.DRAFT
    assert _state(world.exemplar_a) == ExemplarState.FOSTERING


@pytest.mark.django_db
def test_an_empty_proposal_cannot_be_sent(world):  # noqa: F811
    proposal = services.create_proposal(campaign=world.campaign, unit=world.unit_a,
                                        acting_user=world.users["officer_a"])
    with pytest.raises(DomainError) as excinfo:
        services.transition_proposal(proposal=proposal, name="send_for_approval",
                                     acting_user=world.users["officer_a"])
    assert "chưa có điển hình" in excinfo.value.message


@pytest.mark.django_db
def test_only_an_exemplar_being_fostered_of_the_units_registration_is_added(world):  # noqa: F811
    form, title = catalogue()
    officer = world.users["officer_a"]
    proposal = services.create_proposal(campaign=world.campaign, unit=world.unit_a,
                                        acting_user=officer)
    with pytest.raises(DomainError) as excinfo:  # still "registered"
        services.add_item(proposal=proposal, exemplar=world.exemplar_a, form=form, year=2025,
                          acting_user=officer)
    assert "chỉ đề nghị điển hình đang được bồi dưỡng" in excinfo.value.message
    other = fostering(Exemplar.objects.get(registration=world.registration_b))
    with pytest.raises(DomainError) as excinfo:
        services.add_item(proposal=proposal, exemplar=other, form=form, year=2025,
                          acting_user=officer)
    assert "không thuộc biểu đăng ký của đơn vị" in excinfo.value.message
    collective = fostering(Exemplar.objects.get(registration=world.registration_a,
                                                kind="collective"))
    with pytest.raises(DomainError) as excinfo:  # the title is for individuals only
        services.add_item(proposal=proposal, exemplar=collective, title=title, year=2025,
                          acting_user=officer)
    assert "không áp dụng cho tập thể" in excinfo.value.message
    form.valid_to = datetime.date(2021, 12, 31)
    form.save()
    with pytest.raises(DomainError) as excinfo:
        services.add_item(proposal=proposal, exemplar=collective, form=form, year=2025,
                          acting_user=officer)
    assert "không còn hiệu lực" in excinfo.value.message
    assert not proposal.items.exists()


@pytest.mark.django_db
def test_the_verdict_is_frozen_when_added_and_refreshed_only_while_editable(world):  # noqa: F811
    from evaluation.selectors import exemplar_evaluation
    from evaluation.services import record_judgement

    proposal, item = proposal_with_item(world)
    frozen = item.verdict
    assert frozen["status"] in {"eligible", "not_eligible", "missing_evidence",
                                "awaiting_judgement"}
    g1 = next(c for c in frozen["criteria"] if c["code"] == "G1")
    assert g1["status"] == "needs_review" and frozen["evaluated_at"]
    record_judgement(exemplar=item.exemplar, criterion_code="G1", passed=True, note="Gương mẫu",
                     acting_user=world.users["standing"])
    live = exemplar_evaluation(Exemplar.objects.select_related(
        "registration__campaign__pack").get(pk=item.exemplar_id)).verdict
    assert next(r for r in live.criteria if r.code == "G1").status == "pass"
    assert ProposalItem.objects.get(pk=item.pk).verdict == frozen  # unchanged by new evidence
    refreshed = services.refresh_verdict(item=item, acting_user=world.users["officer_a"])
    assert next(c for c in refreshed.verdict["criteria"] if c["code"] == "G1")["status"] == "pass"
    proposal = services.transition_proposal(proposal=Proposal.objects.get(pk=proposal.pk),
                                            name="send_for_approval",
                                            acting_user=world.users["officer_a"])
    record_judgement(exemplar=item.exemplar, criterion_code="G1", passed=False, note="Vi phạm",
                     acting_user=world.users["standing"])
    with pytest.raises(NotAllowed):
        services.refresh_verdict(item=ProposalItem.objects.get(pk=item.pk),
                                 acting_user=world.users["officer_a"])
    stored = ProposalItem.objects.get(pk=item.pk).verdict
    assert next(c for c in stored["criteria"] if c["code"] == "G1")["status"] == "pass"


@pytest.mark.django_db
def test_report_upload_accepts_word_and_pdf_and_refuses_hostile_files(world, settings, tmp_path):  # noqa: F811
    settings.PRIVATE_FILES_DIR = str(tmp_path)
    proposal, item = proposal_with_item(world, report=False)
    officer = world.users["officer_a"]
    for name, data, words in [
        ("bao-cao.docx", b"PK\x03\x04 not really a zip", "bị hỏng"),
        ("bao-cao.docm", docx_bytes(), "không được nhận"),
        ("bao-cao.pdf", b"<html>not a pdf</html>", "không phải tệp PDF"),
        ("bao-cao.exe", b"MZ\x90\x00", "không được nhận"),
        ("bao-cao.pdf", b"", "rỗng"),
    ]:
        with pytest.raises(DomainError) as excinfo:
            services.attach_report(item=item, name=name, data=data, acting_user=officer)
        assert words in excinfo.value.message, (name, excinfo.value.message)
    assert not ProposalItem.objects.get(pk=item.pk).report_file
    assert not any(tmp_path.rglob("*.*"))
    stored = services.attach_report(item=item, name="Báo cáo.pdf", data=pdf_bytes(),
                                    acting_user=officer)
    assert stored.report_file.name.startswith("proposal-reports/")
    assert stored.report_file.name.endswith(".pdf") and stored.report_name == "Báo cáo.pdf"
    client = verified_login(world.users["standing"])
    response = client.get(reverse("proposals:report_download", args=[proposal.pk, item.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(world.users["officer_b"])
    assert client.get(reverse("proposals:report_download",
                              args=[proposal.pk, item.pk])).status_code == 403


@pytest.mark.django_db
def test_the_generated_report_opens_and_holds_the_data(world):  # noqa: F811
    from docx import Document

    proposal, item = proposal_with_item(world)
    client = verified_login(world.users["officer_a"])
    response = client.get(reverse("proposals:report_generate", args=[proposal.pk, item.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ CÔNG NHẬN ĐIỂN HÌNH TIÊN TIẾN" in text
    assert "(Mẫu số 1.3 — cá nhân)" in text and "Đặng Thị Mai" in text
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text
    assert "[Đơn vị bổ sung: quê quán]" in text
    assert f"Kết quả: {item.verdict['status_label']}" in text
    assert "SỞ Y TẾ THỬ" in cells and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "G1" in cells and "NGƯỜI BÁO CÁO THÀNH TÍCH" in cells


@pytest.mark.django_db
def test_screening_checks_and_duplicates(world):  # noqa: F811
    form, _title = catalogue()
    _proposal, item = submitted(world)
    item = _eligible(item)
    checks = selectors.screening_checks(item)
    assert checks.complete and checks.eligible and checks.unique and checks.passed
    subject = AwardSubject.objects.create(kind="individual", name="Đặng Thị Mai",
                                          folded_name=fold("Đặng Thị Mai"), unit=world.unit_a)
    AwardRecord.objects.create(subject=subject, form=form, year=2025, decision_number="12/QĐ-UBND",
                               decision_date=datetime.date(2025, 12, 1), issuer="Chủ tịch UBND tỉnh",
                               source=RecordSource.ENTERED)
    checks = selectors.screening_checks(item)
    assert not checks.unique and "12/QĐ-UBND" in checks.duplicates[0]
    assert not SubjectLink.objects.exists()  # a read writes no link
    with pytest.raises(DomainError) as excinfo:
        services.screen_item(item=item, result="accepted", acting_user=world.users["standing"])
    assert "12/QĐ-UBND" in excinfo.value.message
    AwardRecord.objects.update(year=2024)
    assert selectors.screening_checks(item).unique


@pytest.mark.django_db
def test_a_second_live_proposal_for_the_same_subject_is_a_duplicate(world):  # noqa: F811
    form, _title = catalogue()
    _proposal, item = submitted(world)
    # the same person registered again by the same unit in another entry
    twin = Exemplar.objects.create(registration=world.registration_a, campaign=world.campaign,
                                   kind="individual",
                                   name="Đặng Thị Mai", field_key="e", position=5,
                                   state=ExemplarState.FOSTERING)
    other = services.create_proposal(campaign=world.campaign, unit=world.unit_a,
                                     acting_user=world.users["officer_a"])
    twin_item = services.add_item(proposal=other, exemplar=twin, form=form, year=2025,
                                  acting_user=world.users["officer_a"])
    assert selectors.duplicates_of(twin_item) and selectors.duplicates_of(item)
    twin_item.year = 2024
    assert not selectors.duplicates_of(twin_item)


@pytest.mark.django_db
def test_finish_screening_needs_every_item_and_returns_the_screened_out(world):  # noqa: F811
    standing = world.users["standing"]
    proposal, item = submitted(world)
    with pytest.raises(DomainError) as excinfo:
        services.transition_proposal(proposal=proposal, name="finish_screening",
                                     acting_user=standing)
    assert "chưa thẩm định" in excinfo.value.message
    services.screen_item(item=item, result="returned", note="Trùng đề nghị năm trước",
                         acting_user=standing)
    with pytest.raises(DomainError):  # none accepted
        services.transition_proposal(proposal=Proposal.objects.get(pk=proposal.pk),
                                     name="finish_screening", acting_user=standing)
    with pytest.raises(DomainError) as excinfo:
        services.screen_item(item=item, result="returned", note="", acting_user=standing)
    assert excinfo.value.message == "Hãy nêu lý do trả lại."
    services.screen_item(item=_eligible(item), result="accepted", acting_user=standing)
    services.transition_proposal(proposal=Proposal.objects.get(pk=proposal.pk),
                                 name="finish_screening", acting_user=standing)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SCREENED and proposal.screened_at
    assert list(selectors.items_ready_for_meeting(world.campaign)) == [item]
    assert _state(world.exemplar_a) == ExemplarState.PROPOSED


@pytest.mark.django_db
def test_a_screened_out_item_goes_back_to_fostering(world):  # noqa: F811
    form, _title = catalogue()
    standing = world.users["standing"]
    officer = world.users["officer_a"]
    proposal, item = proposal_with_item(world)
    collective = fostering(Exemplar.objects.get(registration=world.registration_a,
                                                kind="collective"))
    second = services.add_item(proposal=Proposal.objects.get(pk=proposal.pk), exemplar=collective,
                               form=form, year=2025, acting_user=officer)
    proposal = services.transition_proposal(proposal=Proposal.objects.get(pk=proposal.pk),
                                            name="send_for_approval", acting_user=officer)
    services.transition_proposal(proposal=proposal, name="approve",
                                 acting_user=world.users["head_a"])
    services.screen_item(item=_eligible(item), result="accepted", acting_user=standing)
    services.screen_item(item=second, result="returned", note="Chưa có báo cáo",
                         acting_user=standing)
    services.transition_proposal(proposal=Proposal.objects.get(pk=proposal.pk),
                                 name="finish_screening", acting_user=standing)
    assert _state(world.exemplar_a) == ExemplarState.PROPOSED
    back = Exemplar.objects.get(pk=collective.pk)
    assert (back.state, back.state_reason) == (ExemplarState.FOSTERING, "Chưa có báo cáo")
    assert ProposalItem.objects.get(pk=second.pk).screening == ScreeningResult.RETURNED


@pytest.mark.django_db(transaction=True)
def test_the_audience_is_told_after_commit(world):  # noqa: F811
    proposal, _item = proposal_with_item(world)
    mail.outbox.clear()
    Notification.objects.all().delete()
    services.transition_proposal(proposal=proposal, name="send_for_approval",
                                 acting_user=world.users["officer_a"])
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {world.users["head_a"].pk}
    assert mail.outbox[0].subject == "[Đề nghị khen thưởng] Sở Y tế Thử: Chờ thủ trưởng duyệt"
    assert reverse("proposals:proposal_detail", args=[proposal.pk]) in mail.outbox[0].body


@pytest.mark.django_db
def test_the_pages_show_the_items_verdict_and_buttons(world):  # noqa: F811
    proposal, item = proposal_with_item(world)
    client = verified_login(world.users["officer_a"])
    page = client.get(reverse("proposals:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Đặng Thị Mai" in page and "Kết quả đánh giá khi đề nghị" in page
    assert item.verdict["status_label"] in page and "Trình thủ trưởng duyệt" in page
    listing = client.get(reverse("proposals:proposal_list")).content.decode()
    assert "Sở Y tế Thử" in listing
    other = verified_login(world.users["officer_b"])
    assert "Sở Y tế Thử" not in other.get(reverse("proposals:proposal_list")).content.decode()
    response = client.post(reverse("proposals:proposal_transition",
                                   args=[proposal.pk, "send_for_approval"]),
                           {"version": Proposal.objects.get(pk=proposal.pk).version})
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.AWAITING_APPROVAL
    screening = verified_login(world.users["standing"])
    page = screening.get(reverse("proposals:screening", args=[proposal.pk])).content.decode()
    assert "Hồ sơ đầy đủ" in page and "Chỉ thẩm định được khi đề nghị đã gửi" in page


@pytest.mark.django_db
def test_a_hostile_upload_on_the_web_is_a_message_and_nothing_changes(world, settings, tmp_path):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_FILES_DIR = str(tmp_path)
    proposal, item = proposal_with_item(world, report=False)
    version = Proposal.objects.get(pk=proposal.pk).version
    client = verified_login(world.users["officer_a"])
    response = client.post(
        reverse("proposals:report_upload", args=[proposal.pk, item.pk]),
        {"report": SimpleUploadedFile("bao-cao.docx", b"PK\x03\x04garbage"), "version": version},
        follow=True)
    assert response.status_code == 200
    assert "bị hỏng" in response.content.decode()
    stored = ProposalItem.objects.get(pk=item.pk)
    assert not stored.report_file and Proposal.objects.get(pk=proposal.pk).version == version
    # a stale version is refused with the message, nothing changed
    response = client.post(reverse("proposals:proposal_update", args=[proposal.pk]),
                           {"summary": "Mới", "version": version - 1}, follow=True)
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).summary == ""


@pytest.mark.django_db
def test_adding_an_item_on_the_web_freezes_its_verdict(world):  # noqa: F811
    form, _title = catalogue()
    exemplar = fostering(world.exemplar_a)
    client = verified_login(world.users["head_a"])
    response = client.post(reverse("proposals:proposal_create"), {
        "campaign": world.campaign.pk, "unit": world.unit_a.pk, "letter_number": "15/TTr-SYT",
        "letter_date": "2025-11-20", "summary": "", "signer_name": "Nguyễn Văn An"})
    proposal = Proposal.objects.get(unit=world.unit_a)
    assert response.status_code == 302 and proposal.letter_number == "15/TTr-SYT"
    page = client.get(reverse("proposals:item_add", args=[proposal.pk])).content.decode()
    assert "Đặng Thị Mai" in page and "Công nhận điển hình tiên tiến" in page
    response = client.post(reverse("proposals:item_add", args=[proposal.pk]), {
        "exemplar": exemplar.pk, "award": f"form:{form.pk}", "year": 2025,
        "achievement": "Dẫn đầu phong trào", "version": proposal.version})
    assert response.status_code == 302
    item = ProposalItem.objects.get(proposal=proposal)
    assert (item.form, item.year, item.achievement) == (form, 2025, "Dẫn đầu phong trào")
    assert item.verdict["criteria"] and item.verdict["status_label"]
    response = client.post(reverse("proposals:item_add", args=[proposal.pk]), {
        "exemplar": exemplar.pk, "award": "form:999999", "year": 2025,
        "version": Proposal.objects.get(pk=proposal.pk).version}, follow=True)
    assert ProposalItem.objects.filter(proposal=proposal).count() == 1


@pytest.mark.django_db
def test_the_exemplar_page_lists_its_proposals(world):  # noqa: F811
    """Replay: the panel read ``items`` instead of ``panel.items`` and showed an empty list."""
    proposal, _item = proposal_with_item(world)
    text = verified_login(world.users["officer_a"]).get(
        reverse("registry:exemplar_detail", args=[world.exemplar_a.pk])).content.decode()
    assert reverse("proposals:proposal_detail", args=[proposal.pk]) in text
    assert "Công nhận điển hình tiên tiến (2025)" in text
