"""The signed decision: verified like a registration's signed form (registry.signatures)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import DomainError, NotAllowed
from decisions import services
from decisions.models import SignedDecision
from tests.decisions.helpers import ISSUED_ON, draft
from tests.registry_signed import pdfs
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _upload(data: bytes, name: str = "quyet-dinh-da-ky.pdf"):
    return SimpleUploadedFile(name, data, "application/pdf")


def test_a_digitally_signed_decision_is_verified(world, settings, tmp_path):  # noqa: F811
    identity = pdfs.make_identity()
    root = tmp_path / "root.pem"
    root.write_bytes(identity.root_pem)
    settings.SIGNATURE_TRUST_ROOTS = [str(root)]
    standing = world.users["standing"]
    decision = draft(world, 1)
    with pytest.raises(NotAllowed):  # a draft has nothing signed yet
        services.attach_signed_decision(decision=decision, uploaded_file=_upload(b""),
                                        acting_user=standing)
    decision = services.issue_decision(decision=decision, issued_on=ISSUED_ON,
                                       acting_user=standing)
    signed_pdf = pdfs.sign(pdfs.blank_pdf(b"Quyet dinh 1"), identity)
    signed = services.attach_signed_decision(decision=decision, uploaded_file=_upload(signed_pdf),
                                             acting_user=standing)
    assert (signed.status, signed.signer_name) == ("valid_trusted", pdfs.SIGNER_NAME)
    assert signed.file.read() == signed_pdf
    with pytest.raises(DomainError, match="đã được đính kèm"):
        services.attach_signed_decision(decision=decision, uploaded_file=_upload(signed_pdf),
                                        acting_user=standing)
    changed = pdfs.change_page_after_signing(signed_pdf)
    second = services.attach_signed_decision(decision=decision, uploaded_file=_upload(changed),
                                             acting_user=standing)
    assert second.status == "modified"
    with pytest.raises(DomainError, match="quyết định có chữ ký số"):
        services.attach_signed_decision(decision=decision,
                                        uploaded_file=_upload(b"x", "anh.jpg"),
                                        acting_user=standing)
    assert SignedDecision.objects.count() == 2
    with pytest.raises(NotAllowed):
        services.attach_signed_decision(decision=decision, uploaded_file=_upload(signed_pdf),
                                        acting_user=world.users["officer_a"])
