"""The two steps of importing a Biểu đăng ký file, shared by the web page and the API.

1. ``preview_upload``: the size check, the one door of uploads (``registry.io.reader`` →
   ``uploads.safety``), the plan (``preview_import``) and, when the file can be applied, the
   file kept in the staging area under a token bound to the user, the purpose and the
   registration.
2. ``confirm_staged``: the staged file read back for the same user and registration, applied by
   ``apply_import`` with the confirmations given, and the token discarded once used (or once the
   registration changed since the preview). A missing confirmation keeps the token so the same
   preview can be confirmed again.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError, NotAllowed, StaleVersion
from registry.io.parsed import ParsedForm
from registry.models import Registration
from registry.services.form_import import ImportPreview, ImportResult, apply_import, preview_import
from uploads import staging
from uploads.safety import MAX_BYTES

STAGING_PURPOSE = "registry.import"


class ImportExpired(DomainError):
    """The token leads to no staged file of this user for this registration."""

    def __init__(self):
        super().__init__(str(staging.EXPIRED))


class FileRefused(DomainError):
    """The file itself cannot be imported (unusable, row errors): upload another one."""


class PlanRefused(DomainError):
    """Nothing applied: deleting entries or importing another unit's file was not confirmed,
    or the plan was refused otherwise. ``preview`` is the plan to show again, under the same
    token."""

    def __init__(self, message: str, *, preview: ImportPreview, name: str,
                 field: str | None = None):
        super().__init__(message, field=field)
        self.preview = preview
        self.name = name


def upload_limit() -> int:
    return getattr(settings, "MAX_UPLOAD_BYTES", MAX_BYTES)


def size_refusal(size: int) -> str:
    """The refusal of a file larger than the limit, or "" when it fits."""
    if size <= upload_limit():
        return ""
    return _("Tệp quá lớn (%(size)s MB); chỉ nhận tệp đến %(limit)s MB.") % {
        "size": f"{size / 1048576:.1f}", "limit": upload_limit() // 1048576}


def preview_upload(*, registration: Registration, name: str, data: bytes, user_id: int,
                   parsed: ParsedForm | None = None) -> tuple[ImportPreview, str]:
    """The plan of importing the file, and its staging token ("" when the file cannot be
    applied). ``parsed``: the file already read with the registration's pack (the home page's
    import reads it first to learn whose form it is). Raises ``staging.StagingFull`` when there
    is no room to keep it."""
    from registry.io.reader import read_upload

    if parsed is None:
        parsed = read_upload(name, data, registration.campaign.pack.pack)
    preview = preview_import(registration=registration, parsed=parsed)
    token = ""
    if preview.can_apply:
        token = staging.stage(name=name, data=data, user_id=user_id, purpose=STAGING_PURPOSE,
                              object_id=registration.pk, version=registration.version)
    return preview, token


@dataclass(frozen=True)
class Confirmed:
    name: str
    result: ImportResult


def confirm_staged(*, registration: Registration, token: str, acting_user,
                   allow_delete: bool = False, allow_other_unit: bool = False) -> Confirmed:
    """Apply the staged file of ``token``. Raises ``ImportExpired``, ``StaleVersion`` (the
    token is discarded), ``FileRefused``, ``PlanRefused`` (the token is kept) or the
    refusals of ``apply_import``; ``NotAllowed`` first for a user who may not change the
    registration."""
    if not acting_user.has_perm("registry.change_registration", registration):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
    staged = staging.load(token, user_id=acting_user.pk, purpose=STAGING_PURPOSE,
                          object_id=registration.pk)
    if staged is None:
        raise ImportExpired()
    from registry.io.reader import read_upload

    parsed = read_upload(staged.name, staged.data, registration.campaign.pack.pack)
    try:
        result = apply_import(registration=registration, parsed=parsed, acting_user=acting_user,
                              expected_version=staged.version, source_name=staged.name,
                              allow_delete=allow_delete, allow_other_unit=allow_other_unit)
    except StaleVersion:
        staging.discard(token)
        raise
    except DomainError as error:
        if parsed.unusable or parsed.errors:
            raise FileRefused(error.message) from error
        if type(error) is not DomainError:
            raise
        preview = preview_import(registration=registration, parsed=parsed)
        missing = ("allow_other_unit" if preview.other_unit and not allow_other_unit
                   else "allow_delete" if preview.removed and not allow_delete else None)
        raise PlanRefused(error.message, preview=preview, name=staged.name,
                          field=missing) from error
    staging.discard(token)
    return Confirmed(staged.name, result)
