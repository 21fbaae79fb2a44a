"""attach_signed_form(): permission, file checks, storage, audit; a bad file changes nothing."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed
from registry.models import SignatureStatus, SignedForm
from registry.signatures import attach_signed_form, signed_forms_of


def _upload(data: bytes, name: str = "Biểu đăng ký Sở Y tế (đã ký).pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_head_attaches_a_trusted_signed_form(world, signed_pdf, trusted_root, settings):
    head = world.users["head_a"]
    signed = attach_signed_form(registration=world.registration_a,
                                uploaded_file=_upload(signed_pdf), acting_user=head)
    signed.refresh_from_db()
    assert signed.status == SignatureStatus.VALID_TRUSTED
    assert signed.signer_name == "Nguyễn Văn Thành"
    assert signed.signed_at is not None
    assert signed.original_name == "Biểu đăng ký Sở Y tế (đã ký).pdf"
    assert signed.sha256 == hashlib.sha256(signed_pdf).hexdigest()
    assert signed.uploaded_by == head
    assert signed.details["intact"] is True
    with signed.file.open("rb") as stored:
        assert stored.read() == signed_pdf
    assert signed.file.name.startswith("signed-forms/")
    event = AuditEvent.objects.get(content_type__model="signedform", object_id=str(signed.pk))
    assert (event.actor, event.unit, event.verb) == (head, world.unit_a, "attach_signed_form")
    assert event.changes["status"] == [None, "valid_trusted"]
    assert list(signed_forms_of(world.registration_a)) == [signed]


@pytest.mark.django_db
def test_missing_trust_root_file_gives_untrusted(world, signed_pdf, settings, tmp_path):
    settings.SIGNATURE_TRUST_ROOTS = [str(tmp_path / "khong-co.pem")]
    signed = attach_signed_form(registration=world.registration_a,
                                uploaded_file=_upload(signed_pdf),
                                acting_user=world.users["head_a"])
    assert signed.status == SignatureStatus.VALID_UNTRUSTED


@pytest.mark.django_db
def test_scan_is_stored_as_scan(world, plain_pdf, no_trusted_root):
    signed = attach_signed_form(registration=world.registration_a,
                                uploaded_file=_upload(plain_pdf, "ban-quet.PDF"),
                                acting_user=world.users["head_a"])
    assert (signed.status, signed.signer_name, signed.signed_at) == ("scan", "", None)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), [
    ("bieu.pdf", b"this is not a pdf", "Tệp không phải PDF"),
    ("bieu.pdf", b"%PDF-1.4\n\x00\x01garbage", "Tệp PDF bị hỏng hoặc không đọc được."),
    ("bieu.jpg", b"\xff\xd8\xff\xe0 a scan as an image", "Chỉ nhận tệp PDF"),
    ("bieu.pdf", b"", "Tệp rỗng."),
])
def test_bad_file_is_refused_and_changes_nothing(world, settings, name, data, message):
    events_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as caught:
        attach_signed_form(registration=world.registration_a, uploaded_file=_upload(data, name),
                           acting_user=world.users["head_a"])
    assert message in caught.value.message
    assert SignedForm.objects.count() == 0
    assert AuditEvent.objects.count() == events_before
    assert _media_files(settings) == []


@pytest.mark.django_db
def test_oversized_upload_is_refused(world, signed_pdf, settings):
    settings.MAX_UPLOAD_BYTES = len(signed_pdf) - 1
    with pytest.raises(DomainError, match="Tệp quá lớn"):
        attach_signed_form(registration=world.registration_a, uploaded_file=_upload(signed_pdf),
                           acting_user=world.users["head_a"])
    assert SignedForm.objects.count() == 0


@pytest.mark.django_db
def test_same_file_twice_is_refused(world, signed_pdf, no_trusted_root):
    head = world.users["head_a"]
    attach_signed_form(registration=world.registration_a, uploaded_file=_upload(signed_pdf),
                       acting_user=head)
    with pytest.raises(DomainError, match="đã được đính kèm"):
        attach_signed_form(registration=world.registration_a, uploaded_file=_upload(signed_pdf),
                           acting_user=head)
    assert SignedForm.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer_a", "officer_b", "standing", "council"])
def test_only_the_units_head_may_attach(world, signed_pdf, settings, role):
    with pytest.raises(NotAllowed):
        attach_signed_form(registration=world.registration_a, uploaded_file=_upload(signed_pdf),
                           acting_user=world.users[role])
    assert SignedForm.objects.count() == 0
    assert _media_files(settings) == []


@pytest.mark.django_db
def test_failed_save_removes_the_stored_file(world, signed_pdf, settings, monkeypatch):
    from audit import log

    def broken_audit(**_kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(log, "record", broken_audit)
    with pytest.raises(RuntimeError):
        attach_signed_form(registration=world.registration_a, uploaded_file=_upload(signed_pdf),
                           acting_user=world.users["head_a"])
    assert SignedForm.objects.count() == 0
    assert _media_files(settings) == []
