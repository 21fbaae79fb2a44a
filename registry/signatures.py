"""The head's signed Biểu đăng ký: attach it (verified with pyHanko) and read what was attached.

Only a PDF is accepted — digitally signed, or a scan saved as PDF. Images are refused so that
the standing office always receives one document format that it can open and print.
"""

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from core.text import clean
from registry.models import Registration, SignedForm

logger = logging.getLogger(__name__)

ATTACH_PERMISSION = "registry.attach_signed_form"
AUDITED = ["original_name", "sha256", "status", "signer_name", "signed_at"]


def attach_signed_form(*, registration: Registration, uploaded_file: UploadedFile,
                       acting_user) -> SignedForm:
    """Verify the uploaded PDF's signatures and store it with the result.

    Side effects: the file saved to the private storage (``uploads.private``) under a random
    name; a
    SignedForm row; an audit log entry. A refused file (not a PDF, too large, encrypted,
    malformed, already attached) raises DomainError and changes nothing.
    """
    if not acting_user.has_perm(ATTACH_PERMISSION, registration):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
    data = read_pdf_upload(uploaded_file)
    digest = hashlib.sha256(data).hexdigest()
    if registration.signed_forms.filter(sha256=digest).exists():
        raise DomainError(_("Tệp này đã được đính kèm vào biểu đăng ký."), field="file")
    checked = verify_pdf_upload(uploaded_file, data, default_name="bieu-dang-ky.pdf")
    result = checked.result
    signed_form = SignedForm(
        registration=registration, original_name=checked.original_name,
        sha256=digest, status=result.status, signer_name=result.signer_name[:255],
        signed_at=result.signed_at, details=result.details, uploaded_by=acting_user,
    )

    def write() -> None:
        signed_form.save()
        log.record(actor=acting_user, action=Action.CREATE, obj=signed_form,
                   unit=registration.unit, verb="attach_signed_form",
                   after=log.snapshot(signed_form, AUDITED))

    store_with_file(signed_form, checked, write)
    return signed_form


# --- shared with every signed document (decisions.SignedDecision …) -----------------------------

@dataclass(frozen=True)
class CheckedPdf:
    """An uploaded PDF read within the size limit and verified (``registry.io.verify_pdf``)."""

    data: bytes
    sha256: str
    original_name: str
    result: object  # registry.io.verify_pdf.VerificationResult


def verify_pdf_upload(uploaded_file: UploadedFile, data: bytes, *,
                      default_name: str) -> CheckedPdf:
    """Verify ``data`` (read by :func:`read_pdf_upload`) against the configured trust roots.
    Verification is CPU work: call it before any transaction so no database lock is held."""
    from registry.io.verify_pdf import verify

    result = verify(data, trust_roots=configured_trust_roots())
    return CheckedPdf(data=data, sha256=hashlib.sha256(data).hexdigest(),
                      original_name=_display_name(uploaded_file.name, default_name),
                      result=result)


def read_verified_pdf(uploaded_file: UploadedFile, *, wrong_type: str,
                      default_name: str) -> CheckedPdf:
    """:func:`read_pdf_upload` then :func:`verify_pdf_upload`."""
    data = read_pdf_upload(uploaded_file, wrong_type=wrong_type)
    return verify_pdf_upload(uploaded_file, data, default_name=default_name)


def store_with_file(row, checked: CheckedPdf, write) -> None:
    """Save ``checked``'s bytes to ``row.file`` (private storage, named by its digest), then run
    ``write()`` (saving the row and its audit event) in one transaction; a failure removes the
    stored file again, so a refused upload leaves nothing behind."""
    row.file.save(f"{checked.sha256}.pdf", ContentFile(checked.data), save=False)
    try:
        with transaction.atomic():
            write()
    except BaseException:
        row.file.storage.delete(row.file.name)
        raise


def signed_forms_of(registration: Registration) -> QuerySet[SignedForm]:
    """The signed forms attached to a registration, newest first, ready to list."""
    return registration.signed_forms.select_related("uploaded_by").order_by("-uploaded_at", "-pk")


def configured_trust_roots() -> list[bytes]:
    """The contents of the PEM files listed in ``SIGNATURE_TRUST_ROOTS``.

    A missing file is logged and skipped: signatures then show as untrusted, which the
    standing office sees, rather than every upload failing.
    """
    roots = []
    for path in settings.SIGNATURE_TRUST_ROOTS:
        try:
            roots.append(Path(path).read_bytes())
        except OSError:
            logger.exception("SIGNATURE_TRUST_ROOTS: cannot read %s", path)
    return roots


def read_pdf_upload(uploaded_file: UploadedFile, *, wrong_type: str | None = None) -> bytes:
    """The uploaded file's bytes: a ``.pdf`` within ``MAX_UPLOAD_BYTES`` (the declared size and
    the bytes read), else DomainError (``wrong_type`` names what the PDF should be)."""
    limit = settings.MAX_UPLOAD_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise DomainError(_("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": limit // 2**20},
                          field="file")
    if not (uploaded_file.name or "").lower().endswith(".pdf"):
        raise DomainError(
            wrong_type
            or _("Chỉ nhận tệp PDF: biểu đăng ký có chữ ký số, hoặc bản quét lưu thành PDF."),
            field="file",
        )
    chunks, size = [], 0
    for chunk in uploaded_file.chunks():
        size += len(chunk)
        if size > limit:  # the declared size can lie; the bytes cannot
            raise DomainError(_("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": limit // 2**20},
                              field="file")
        chunks.append(chunk)
    return b"".join(chunks)


def _display_name(name: str | None, default: str = "bieu-dang-ky.pdf") -> str:
    base = clean(Path((name or "").replace("\\", "/")).name)
    return base[-255:] or default
