"""The writes of progress: post an update (with its files), withdraw one, set a campaign's
lateness threshold. Each checks the permission first, cleans its inputs, writes in one
transaction and records the audit log; stored files are removed again when the write fails."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from core.text import clean, clean_multiline
from progress import files as progress_files
from progress.models import ProgressAttachment, ProgressSettings, ProgressUpdate
from progress.rules import FOLLOWED_STATES
from registry.models import Exemplar


def _require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def post_update(*, exemplar: Exemplar, on_date: datetime.date, text: str, percent: int,
                quality_note: str = "", uploads=(), acting_user,
                today: datetime.date | None = None) -> ProgressUpdate:
    """A new dated update of the exemplar's progress, with up to five files (photos are resized
    and stripped of every metadata; documents pass the shared upload checks). Side effects:
    files in the private storage, audit log."""
    _require(acting_user, "progress.post_update", exemplar)
    if exemplar.state not in FOLLOWED_STATES:
        raise DomainError(
            _("Điển hình đang ở trạng thái “%(state)s”: chỉ cập nhật tiến độ khi điển hình đã "
              "đăng ký hoặc đang bồi dưỡng, giúp đỡ.") % {"state": exemplar.get_state_display()})
    today = today or timezone.localdate()
    text = clean_multiline(text)
    if not text:
        raise DomainError(_("Hãy nhập nội dung cập nhật."), field="text")
    if not isinstance(on_date, datetime.date):
        raise DomainError(_("Ngày cập nhật không hợp lệ."), field="on_date")
    if on_date > today:
        raise DomainError(_("Ngày cập nhật không được sau hôm nay."), field="on_date")
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise DomainError(_("Tiến độ phải là số nguyên từ 0 đến 100."), field="percent")
    uploads = list(uploads or [])
    if len(uploads) > progress_files.MAX_FILES:
        raise DomainError(_("Mỗi lần cập nhật đính kèm tối đa %(n)d tệp.")
                          % {"n": progress_files.MAX_FILES}, field="files")
    prepared = []
    for upload in uploads:
        if upload.size is not None and upload.size > progress_files.MAX_FILE_BYTES:
            raise DomainError(_("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": clean(upload.name)},
                              field="files")
        upload.seek(0)
        prepared.append(progress_files.prepare(upload.name or "", upload.read()))
    stored: list[str] = []
    try:
        with transaction.atomic():
            update = ProgressUpdate.objects.create(
                exemplar=exemplar, on_date=on_date, text=text, percent=percent,
                quality_note=clean_multiline(quality_note), author=acting_user)
            for item in prepared:
                attachment = ProgressAttachment(update=update, kind=item.kind,
                                                original_name=item.original_name,
                                                size=len(item.data),
                                                content_type=item.content_type)
                attachment.file.save("tep" + item.extension, ContentFile(item.data), save=False)
                stored.append(attachment.file.name)
                attachment.save()
            log.record(actor=acting_user, action=Action.CREATE, obj=update, owner=exemplar,
                       unit=exemplar.registration.unit, verb=_("Cập nhật tiến độ"),
                       after={**log.snapshot(update, ["on_date", "percent", "text",
                                                      "quality_note"]),
                              "files": [p.original_name for p in prepared]})
    except BaseException:
        from uploads import private

        for name in stored:
            private.storage().delete(name)
        raise
    return update


def withdraw_update(*, update: ProgressUpdate, reason: str, acting_user) -> ProgressUpdate:
    """The author takes an update back (it stays on the timeline, marked, and stops counting).
    Side effect: audit log with the reason."""
    _require(acting_user, "progress.withdraw_update", update)
    reason = clean_multiline(reason)
    if not reason:
        raise DomainError(_("Hãy nêu lý do rút cập nhật."), field="reason")
    with transaction.atomic():
        locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.withdrawn_at is not None:
            raise DomainError(_("Cập nhật này đã được rút."))
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason
        locked.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=locked, owner=locked.exemplar,
                   unit=locked.exemplar.registration.unit, verb=_("Rút cập nhật tiến độ"),
                   reason=reason, before={"withdrawn": False}, after={"withdrawn": True})
    return locked


def save_settings(*, campaign, stale_after_days: int, acting_user) -> ProgressSettings:
    """The campaign's lateness threshold (1–365 days). Side effect: audit log."""
    _require(acting_user, "progress.change_settings", campaign)
    if isinstance(stale_after_days, bool) or not isinstance(stale_after_days, int) or not (
            1 <= stale_after_days <= 365):
        raise DomainError(_("Số ngày phải là số nguyên từ 1 đến 365."), field="stale_after_days")
    with transaction.atomic():
        row = ProgressSettings.objects.select_for_update().filter(campaign=campaign).first()
        before = {"stale_after_days": row.stale_after_days} if row else None
        if row is None:
            row = ProgressSettings.objects.create(campaign=campaign,
                                                  stale_after_days=stale_after_days,
                                                  updated_by=acting_user)
        else:
            row.stale_after_days = stale_after_days
            row.updated_by = acting_user
            row.save(update_fields=["stale_after_days", "updated_by", "updated_at"])
        log.record(actor=acting_user, action=Action.UPDATE if before else Action.CREATE,
                   obj=row, owner=campaign, verb=_("Đặt số ngày chậm cập nhật tiến độ"),
                   before=before, after={"stale_after_days": stale_after_days})
    return row
