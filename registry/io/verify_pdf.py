"""Check the digital signatures of an uploaded PDF with pyHanko, offline.

``verify(data, trust_roots=...)`` reads the PDF and validates every ``/Sig`` signature in it:
the signer (certificate CN), the signing time, whether the document was changed after signing
(coverage and difference analysis of later incremental updates) and whether the certificate
chains to one of ``trust_roots``. Nothing is fetched: no CRL, no OCSP, revocation soft-fail.

A PDF without signatures is a scan. Untrusted or modified is a result, not an error; only an
unusable file (not a PDF, encrypted, malformed, too large) raises :class:`SignatureCheckError`.
pyHanko is imported inside the functions so the web process only loads it when needed.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from core.errors import DomainError
from registry.models import SignatureStatus

logger = logging.getLogger(__name__)

# Worst first: the file's status is the worst of its signatures' statuses.
_SEVERITY = [
    SignatureStatus.INVALID,
    SignatureStatus.MODIFIED,
    SignatureStatus.VALID_UNTRUSTED,
    SignatureStatus.VALID_TRUSTED,
]
# A signing certificate is accepted for documents if it allows either usage
# (Vietnamese CAs issue both kinds; pyHanko's default demands non-repudiation only).
_DOCUMENT_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})


class SignatureCheckError(DomainError):
    """The file cannot be checked at all; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class VerificationResult:
    status: str  # a SignatureStatus value
    signer_name: str = ""
    signed_at: datetime.datetime | None = None
    intact: bool | None = None  # None: a scan, there is no signature to compare against
    trusted: bool = False
    details: dict[str, Any] = field(default_factory=dict)


def verify(data: bytes, *, trust_roots: list[bytes], max_bytes: int | None = None
           ) -> VerificationResult:
    """Verify ``data`` (a PDF). ``trust_roots``: PEM or DER blobs, a PEM may hold several certs."""
    with translation.override(settings.LANGUAGE_CODE):  # the stored record is in Vietnamese
        reader = _open_pdf(data, max_bytes or settings.MAX_UPLOAD_BYTES)
        embedded, unreadable, field_names = _signature_fields(reader)
        if not embedded and not unreadable:
            return VerificationResult(status=SignatureStatus.SCAN.value, details={
                "signatures": [], "intact": None, "trusted": False,
                "messages": [_("Tệp PDF không có chữ ký số; được lưu như bản quét.")],
            })
        roots = certificates_from(trust_roots)
        reports = [_check_signature(sig, roots, field_names) for sig in embedded]
        reports += [_unreadable_report(name, error) for name, error in unreadable]
        return _summarise(reports)


def certificates_from(blobs: list[bytes]) -> list:
    """Every X.509 certificate in ``blobs`` (PEM bundles or DER); unreadable ones are logged."""
    from asn1crypto import pem, x509

    certificates = []
    for blob in blobs:
        try:
            ders = ([der for _kind, _headers, der in pem.unarmor(blob, multiple=True)]
                    if pem.detect(blob) else [blob])
            loaded = [x509.Certificate.load(der) for der in ders]
            # asn1crypto parses lazily: read every field now so a broken file fails here.
            if not all(certificate.native for certificate in loaded):
                raise ValueError("empty certificate")
            certificates += loaded
        except Exception:  # a bad trust root is a configuration problem
            logger.exception("SIGNATURE_TRUST_ROOTS: a file holds no readable certificate")
    return certificates


def _open_pdf(data: bytes, max_bytes: int):
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data:
        raise SignatureCheckError(_("Tệp rỗng."), field="file")
    if len(data) > max_bytes:
        raise SignatureCheckError(
            _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)},
            field="file",
        )
    if b"%PDF-" not in data[:1024]:
        raise SignatureCheckError(
            _("Tệp không phải PDF. Hãy tải lên biểu đăng ký đã ký dưới dạng PDF "
              "(bản có chữ ký số hoặc bản quét lưu thành PDF)."),
            field="file",
        )
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        encrypted = reader.encrypted
        if not encrypted:
            _pages = reader.root["/Pages"]  # a PDF without a page tree is not a form
    except Exception as error:  # never let a parser exception reach the user
        raise _malformed(error) from error
    if encrypted:
        raise SignatureCheckError(
            _("Tệp PDF đã được đặt mật khẩu hoặc mã hóa. Hãy tải lên bản không mã hóa."),
            field="file",
        )
    return reader


def _malformed(error: Exception) -> SignatureCheckError:
    logger.info("unreadable PDF: %s", error)
    return SignatureCheckError(_("Tệp PDF bị hỏng hoặc không đọc được."), field="file")


def _signature_fields(reader) -> tuple[list, list[tuple[str, Exception]], set[str]]:
    """The ``/Sig`` signatures in signing order, the filled signature fields whose signature
    cannot even be parsed (each with its error), and the names of all filled signature fields.

    pyHanko's ``reader.embedded_signatures`` would skip or fail on such fields; here a broken
    signature is reported as invalid instead of turning the file into a "scan" or an error.
    """
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    parsed, unreadable, names = [], [], set()
    try:
        for name, _value, sig_field in enumerate_sig_fields(reader, filled_status=True):
            names.add(name)
            try:
                parsed.append(EmbeddedPdfSignature(reader, sig_field, name))
            except Exception as error:  # a broken CMS container in this one field
                unreadable.append((name, error))
        regular = [sig for sig in parsed if sig.sig_object_type == "/Sig"]
        regular.sort(key=lambda sig: sig.signed_revision)
    except Exception as error:  # the form structure itself is unreadable
        raise _malformed(error) from error
    return regular, unreadable, names


def _unreadable_report(field_name: str, error: Exception) -> dict[str, Any]:
    return {
        "field": field_name, "signer": "", "signed_at": None,
        "status": SignatureStatus.INVALID.value, "intact": False, "trusted": False,
        "messages": [_("Không đọc được chữ ký số này (dữ liệu chữ ký bị hỏng).")],
        "technical": str(error)[:300],
    }


def _check_signature(sig, roots: list, field_names: set[str]) -> dict[str, Any]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    # trust_roots is always a list: None would fall back to the operating system's TLS roots.
    context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                revocation_mode="soft-fail")
    usage = KeyUsageConstraints(key_usage=set(_DOCUMENT_KEY_USAGES))
    try:
        status = validate_pdf_signature(sig, context, key_usage_settings=usage)
    except Exception as error:  # a signature pyHanko cannot process is invalid
        return {
            "field": sig.field_name, "signer": _signer_of(sig), "signed_at": None,
            "status": SignatureStatus.INVALID.value, "intact": False, "trusted": False,
            "messages": [_("Không kiểm tra được chữ ký số này (định dạng chữ ký không hợp lệ "
                           "hoặc không được hỗ trợ).")],
            "technical": str(error)[:300],
        }
    return _describe(sig, status, field_names)


def _describe(sig, status, field_names: set[str]) -> dict[str, Any]:
    """One signature's result as JSON-ready data, with its messages in Vietnamese."""
    signed_intact = bool(status.intact and status.valid)
    unchanged, change_messages = _unchanged_after_signing(status, field_names)
    trusted = bool(status.trusted) and signed_intact
    if not signed_intact:
        verdict = SignatureStatus.INVALID
    elif not unchanged:
        verdict = SignatureStatus.MODIFIED
    else:
        verdict = SignatureStatus.VALID_TRUSTED if trusted else SignatureStatus.VALID_UNTRUSTED
    signed_at, time_source = _signing_time(status)
    if not signed_intact:  # what was signed no longer matches: later updates are beside the point
        change_messages = []
    messages = [*change_messages, *_integrity_messages(status), _trust_message(status, trusted),
                _time_message(time_source)]
    certificate = status.signing_cert
    return {
        "field": sig.field_name,
        "signer": _common_name(certificate.subject),
        "issuer": _common_name(certificate.issuer),
        "serial": format(certificate.serial_number, "X"),
        "signed_at": signed_at.isoformat() if signed_at else None,
        "time_source": time_source,
        "status": verdict.value,
        "intact": signed_intact and unchanged,
        "trusted": trusted,
        "coverage": status.coverage.name.lower() if status.coverage else None,
        "later_updates": _later_updates(status),
        "messages": [message for message in messages if message],
    }


def _unchanged_after_signing(status, field_names: set[str]) -> tuple[bool, list[str]]:
    """Whether what the reader sees is what was signed; later signatures are allowed."""
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel

    coverage = status.coverage
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True, [_("Tài liệu không bị thay đổi sau khi ký.")]
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False, [_("Chữ ký không bao trùm toàn bộ tài liệu.")]
    diff = status.diff_result
    if not isinstance(diff, DiffResult) or not status.docmdp_ok:
        return False, [_("Tài liệu đã bị sửa sau khi ký (có phần cập nhật bổ sung không được "
                         "phép).")]
    level = diff.modification_level
    signatures_only = set(diff.changed_form_fields) <= field_names
    if level <= ModificationLevel.LTA_UPDATES or (
        level == ModificationLevel.FORM_FILLING and signatures_only
    ):
        return True, [_("Sau khi ký chỉ có bổ sung hợp lệ (chữ ký số khác hoặc dữ liệu kiểm "
                        "tra chữ ký).")]
    return False, [_("Tài liệu đã bị sửa sau khi ký: nội dung biểu mẫu được điền hoặc thay "
                     "đổi sau chữ ký này.")]


def _later_updates(status) -> str | None:
    from pyhanko.sign.diff_analysis import DiffResult

    diff = status.diff_result
    if diff is None:
        return None
    return diff.modification_level.name.lower() if isinstance(diff, DiffResult) else "suspicious"


def _integrity_messages(status) -> list[str]:
    if not status.intact:
        return [_("Giá trị băm không khớp: nội dung đã ký bị thay đổi.")]
    if not status.valid:
        return [_("Chữ ký số không đúng về mặt mật mã.")]
    return []


def _trust_message(status, trusted: bool) -> str:
    from pyhanko.sign.ades.report import AdESIndeterminate

    if trusted:
        anchor = _common_name(status.validation_path[0].subject) if status.validation_path else ""
        return _("Chứng thư của người ký được tin cậy (gốc: %(anchor)s).") % {"anchor": anchor}
    if status.revoked:
        return _("Chứng thư của người ký đã bị thu hồi.")
    problem = status.trust_problem_indic
    if problem == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return _("Chứng thư không chuỗi được đến gốc tin cậy nào đã cấu hình.")
    if problem in {AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
                   AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
                   AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID}:
        return _("Chứng thư của người ký đã hết hạn hoặc chưa có hiệu lực.")
    if problem == AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        return _("Chứng thư không đáp ứng ràng buộc sử dụng (ví dụ: không dùng để ký tài "
                 "liệu).")
    return _("Chứng thư của người ký chưa được tin cậy.")


def _signing_time(status) -> tuple[datetime.datetime | None, str | None]:
    """A trusted timestamp when there is one, otherwise the time the signer's software stated."""
    stamp = status.timestamp_validity
    if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
        return _aware(stamp.timestamp), "timestamp"
    if status.signer_reported_dt is not None:
        return _aware(status.signer_reported_dt), "signer"
    return None, None


def _time_message(time_source: str | None) -> str:
    if time_source == "timestamp":
        return _("Thời điểm ký lấy từ dấu thời gian được tin cậy.")
    if time_source == "signer":
        return _("Thời điểm ký do phần mềm ký ghi (không có dấu thời gian được tin cậy).")
    return _("Chữ ký không ghi thời điểm ký.")


def _aware(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _signer_of(sig) -> str:
    try:
        return _common_name(sig.signer_cert.subject)
    except Exception:  # the CMS structure itself may be broken
        return ""


def _common_name(name) -> str:
    native = name.native
    return str(native.get("common_name") or name.human_friendly)


def _summarise(reports: list[dict[str, Any]]) -> VerificationResult:
    worst = min(reports, key=lambda r: _SEVERITY.index(SignatureStatus(r["status"])))
    first = reports[0]  # the person's signature comes first, the organisation's seal after it
    intact = all(r["intact"] for r in reports)
    trusted = all(r["trusted"] for r in reports)
    signed_at = datetime.datetime.fromisoformat(first["signed_at"]) if first["signed_at"] else None
    return VerificationResult(
        status=worst["status"], signer_name=first["signer"], signed_at=signed_at,
        intact=intact, trusted=trusted,
        details={"signatures": reports, "intact": intact, "trusted": trusted,
                 "messages": [_("Không tra cứu tình trạng thu hồi chứng thư trực tuyến "
                                "(hệ thống kiểm tra ngoại tuyến).")]},
    )
