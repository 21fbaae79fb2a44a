"""Writes of propagation: the channels (loaded from the reference file, added by the standing
office), the introductions of exemplars to channels (with their files) and their status, and
the media kits. Each write checks the permission first (``propagation.rules``), cleans its
inputs, writes in one transaction and records the audit log; stored files are removed again
when the write fails."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from progress import files as upload_door
from propagation.models import (
    Channel,
    ChannelKind,
    Introduction,
    IntroductionAttachment,
    IntroductionStatus,
    MediaKit,
)
from propagation.workflow import STATUS_TRANSITIONS, VERBS
from registry.models import Exemplar

REFERENCE_FILE = Path(__file__).resolve().parent / "reference" / "channels.yaml"
CHANNEL_AUDITED = ["code", "name", "kind", "address", "valid_from", "valid_to"]
INTRODUCTION_AUDITED = ["channel", "sent_on", "content", "status", "published_url",
                        "broadcast_on", "note"]
KIT_AUDITED = ["channel", "number", "subject", "dated", "signer_title", "signer_name"]
MAX_KIT_EXEMPLARS = 30


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _date(value, field: str, message: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(message, field=field)
    return value


def _url(value: str) -> str:
    value = clean(value or "")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 500:
        raise DomainError(_("Đường dẫn bài đăng phải là một địa chỉ http:// hoặc https:// hợp "
                            "lệ."), field="published_url")
    return value


# --- channels ------------------------------------------------------------------------------------

def load_channels(path: Path | None = None) -> tuple[int, int]:
    """Load the reference channels (idempotent: matched by ``code``; a channel the standing
    office added is never touched). Returns (created, updated)."""
    import yaml

    rows = yaml.safe_load((path or REFERENCE_FILE).read_text(encoding="utf-8")) or []
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            kind = row.get("kind", ChannelKind.OTHER)
            if kind not in ChannelKind.values:
                raise ValueError(f"channel {row.get('code')!r}: unknown kind {kind!r}")
            values = {"name": clean(row["name"]), "kind": kind,
                      "address": clean(row.get("address", "")),
                      "sort_order": int(row.get("sort_order", 100)),
                      "valid_from": row.get("valid_from") or datetime.date(2000, 1, 1),
                      "valid_to": row.get("valid_to"), "from_reference": True}
            channel = Channel.objects.filter(code=row["code"]).first()
            if channel is None:
                channel = Channel.objects.create(code=row["code"], **values)
                created += 1
                log.record(actor=None, action=Action.LOAD, obj=channel,
                           after=log.snapshot(channel, CHANNEL_AUDITED))
                continue
            before = log.snapshot(channel, CHANNEL_AUDITED)
            if any(getattr(channel, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(channel, key, value)
                channel.save()
                updated += 1
                log.record(actor=None, action=Action.LOAD, obj=channel, before=before,
                           after=log.snapshot(channel, CHANNEL_AUDITED))
    return created, updated


def add_channel(*, name: str, kind: str, acting_user, code: str = "", address: str = "",
                valid_from: datetime.date | None = None,
                valid_to: datetime.date | None = None) -> Channel:
    """A channel the standing office adds (a newspaper, a programme, an agency)."""
    require(acting_user, "propagation.manage_channels")
    name = clean(name)
    if not name:
        raise DomainError(_("Hãy nhập tên kênh."), field="name")
    if kind not in ChannelKind.values:
        raise DomainError(_("Loại kênh không hợp lệ."), field="kind")
    code = slugify(clean(code) or name)[:40] or "kenh"
    valid_from = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < valid_from:
        raise DomainError(_("Ngày hết hiệu lực không được trước ngày có hiệu lực."),
                          field="valid_to")
    with transaction.atomic():
        if Channel.objects.filter(code=code).exists():
            raise DomainError(_("Đã có kênh mang mã “%(code)s”.") % {"code": code}, field="code")
        if Channel.objects.filter(name__iexact=name).exists():
            raise DomainError(_("Đã có kênh “%(name)s”.") % {"name": name}, field="name")
        channel = Channel.objects.create(code=code, name=name, kind=kind, address=clean(address),
                                         valid_from=valid_from, valid_to=valid_to)
        log.record(actor=acting_user, action=Action.CREATE, obj=channel,
                   after=log.snapshot(channel, CHANNEL_AUDITED))
    return channel


# --- introductions -------------------------------------------------------------------------------

def _prepared(uploads) -> list:
    uploads = list(uploads or [])
    if len(uploads) > upload_door.MAX_FILES:
        raise DomainError(_("Mỗi lần đính kèm tối đa %(n)d tệp.") % {"n": upload_door.MAX_FILES},
                          field="files")
    prepared = []
    for upload in uploads:
        if upload.size is not None and upload.size > upload_door.MAX_FILE_BYTES:
            raise DomainError(_("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": clean(upload.name)},
                              field="files")
        upload.seek(0)
        prepared.append(upload_door.prepare(upload.name or "", upload.read()))
    return prepared


def record_introduction(*, exemplar: Exemplar, channel: Channel, sent_on: datetime.date,
                        content: str, acting_user, note: str = "", uploads=(),
                        today: datetime.date | None = None) -> Introduction:
    """The exemplar introduced to the channel on ``sent_on`` (status "sent"), with up to five
    files (photos stripped of metadata, documents checked — the progress upload door). Side
    effects: files in the private storage, audit log owned by the exemplar."""
    require(acting_user, "propagation.record_introduction", exemplar)
    today = today or timezone.localdate()
    sent_on = _date(sent_on, "sent_on", _("Hãy nhập ngày gửi (ngày/tháng/năm)."))
    if sent_on > today:
        raise DomainError(_("Ngày gửi không được sau hôm nay."), field="sent_on")
    if not channel.is_valid_on(sent_on):
        raise DomainError(_("Kênh “%(name)s” không còn hiệu lực vào ngày gửi.")
                          % {"name": channel.name}, field="channel")
    content = clean_multiline(content)
    if not content:
        raise DomainError(_("Hãy ghi nội dung đã gửi."), field="content")
    prepared = _prepared(uploads)
    stored: list[str] = []
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                exemplar=exemplar, channel=channel, sent_on=sent_on, content=content,
                note=clean_multiline(note), recorded_by=acting_user)
            for item in prepared:
                attachment = IntroductionAttachment(
                    introduction=introduction, kind=item.kind, original_name=item.original_name,
                    size=len(item.data), content_type=item.content_type)
                attachment.file.save("tep" + item.extension, ContentFile(item.data), save=False)
                stored.append(attachment.file.name)
                attachment.save()
            log.record(actor=acting_user, action=Action.CREATE, obj=introduction, owner=exemplar,
                       unit=exemplar.registration.unit,
                       after={**log.snapshot(introduction, INTRODUCTION_AUDITED),
                              "files": [p.original_name for p in prepared]})
    except BaseException:
        from uploads import private

        for name in stored:
            private.storage().delete(name)
        raise
    return introduction


def change_status(*, introduction: Introduction, status: str, acting_user,
                  expected_version: int | None = None, published_url: str = "",
                  broadcast_on: datetime.date | None = None, note: str | None = None,
                  today: datetime.date | None = None) -> Introduction:
    """Move the introduction along ``propagation.workflow.STATUS_TRANSITIONS``. "Published"
    needs the link of the article or the broadcast date (or both)."""
    require(acting_user, "propagation.change_introduction", introduction)
    today = today or timezone.localdate()
    published_url = _url(published_url)
    if broadcast_on is not None:
        broadcast_on = _date(broadcast_on, "broadcast_on", _("Ngày đăng, phát không hợp lệ."))
    with transaction.atomic():
        current = (Introduction.objects.select_for_update()
                   .select_related("exemplar__registration__unit", "channel")
                   .get(pk=introduction.pk))
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(_("Lượt giới thiệu vừa được người khác thay đổi; hãy tải lại "
                                 "trang."))
        if (current.status, status) not in STATUS_TRANSITIONS:
            raise DomainError(_("Không thể chuyển từ “%(source)s” sang “%(target)s”.") % {
                "source": current.get_status_display(),
                "target": IntroductionStatus(status).label if status in IntroductionStatus.values
                else status})
        if status == IntroductionStatus.PUBLISHED:
            if not published_url and broadcast_on is None:
                raise DomainError(_("Hãy ghi đường dẫn bài đăng hoặc ngày phát sóng."),
                                  field="published_url")
            if broadcast_on is not None and broadcast_on < current.sent_on:
                raise DomainError(_("Ngày đăng, phát không được trước ngày gửi."),
                                  field="broadcast_on")
            if broadcast_on is not None and broadcast_on > today:
                raise DomainError(_("Ngày đăng, phát không được sau hôm nay."),
                                  field="broadcast_on")
        before = log.snapshot(current, INTRODUCTION_AUDITED)
        current.status = status
        if status == IntroductionStatus.PUBLISHED:
            current.published_url, current.broadcast_on = published_url, broadcast_on
        else:
            current.published_url, current.broadcast_on = "", None
        if note is not None:
            current.note = clean_multiline(note)
        current.version += 1
        current.save()
        log.record(actor=acting_user, action=Action.TRANSITION, obj=current,
                   owner=current.exemplar, unit=current.exemplar.registration.unit,
                   verb=VERBS[(before["status"], status)], before=before,
                   after=log.snapshot(current, INTRODUCTION_AUDITED))
    return current


# --- media kits ----------------------------------------------------------------------------------

def create_media_kit(*, channel: Channel, exemplars, acting_user, dated: datetime.date | None = None,
                     number: int | None = None, subject: str = "", body: str = "",
                     signer_title: str = "", signer_name: str = "") -> MediaKit:
    """A letter of introduction (công văn giới thiệu) of the chosen exemplars to a channel."""
    require(acting_user, "propagation.make_media_kit")
    chosen = list(dict.fromkeys(exemplars or []))
    if not chosen:
        raise DomainError(_("Hãy chọn ít nhất một điển hình."), field="exemplars")
    if len(chosen) > MAX_KIT_EXEMPLARS:
        raise DomainError(_("Mỗi bộ tài liệu giới thiệu tối đa %(n)d điển hình.")
                          % {"n": MAX_KIT_EXEMPLARS}, field="exemplars")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)
                               or not 0 < number < 100000):
        raise DomainError(_("Số công văn phải là số nguyên dương."), field="number")
    dated = dated or timezone.localdate()
    subject = clean(subject) or "V/v giới thiệu điển hình tiên tiến để tuyên truyền, nhân rộng"
    if not subject.startswith("V/v"):
        subject = "V/v " + subject[0].lower() + subject[1:]
    with transaction.atomic():
        kit = MediaKit.objects.create(channel=channel, number=number, subject=subject[:300],
                                      dated=dated, body=clean_multiline(body),
                                      signer_title=clean(signer_title),
                                      signer_name=clean(signer_name), created_by=acting_user)
        kit.exemplars.set(chosen)
        log.record(actor=acting_user, action=Action.CREATE, obj=kit,
                   after={**log.snapshot(kit, KIT_AUDITED),
                          "exemplars": [e.name for e in chosen]})
    return kit
