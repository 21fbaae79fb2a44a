"""Propagation (tuyên truyền, giới thiệu điển hình — guidance III.1 R10, III.2 R11, III.3).

* ``Channel`` — where exemplars are introduced (the province's newspaper, radio and TV, portal,
  the central commendation board, the emulation cluster…): data, loaded from
  ``propagation/reference/channels.yaml`` and added to by the standing office.
* ``Introduction`` — one exemplar introduced to one channel on a date: what was sent, its status
  (sent → published / declined, ``propagation.workflow.STATUS_TRANSITIONS``), the published link
  or broadcast date, attachments (through the one upload door, ``progress.files.prepare``).
* ``MediaKit`` — a letter of introduction (công văn giới thiệu) for a selection of exemplars,
  rendered as DOCX and PDF (``propagation.document``).
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from uploads import private

STORED_EXTENSIONS = {".jpg", ".pdf", ".docx", ".xlsx"}


def attachment_name(_instance, filename: str) -> str:
    """``propagation/<32 hex>.<ext>``: the stored name says nothing about the file."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in STORED_EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return f"propagation/{uuid.uuid4().hex}{extension}"


class ChannelKind(models.TextChoices):
    PRESS = "press", _("Báo chí")
    RADIO_TV = "radio_tv", _("Phát thanh - Truyền hình")
    PORTAL = "portal", _("Cổng thông tin điện tử")
    CENTRAL = "central", _("Cơ quan Trung ương")
    CLUSTER = "cluster", _("Cụm, khối thi đua")
    OTHER = "other", _("Khác")


class Channel(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=ChannelKind.choices)
    address = models.CharField(_("địa chỉ liên hệ"), max_length=255, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)
    from_reference = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kênh tuyên truyền")
        verbose_name_plural = _("kênh tuyên truyền")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class IntroductionStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi")
    PUBLISHED = "published", _("Đã đăng, phát")
    DECLINED = "declined", _("Không sử dụng")


class Introduction(models.Model):
    exemplar = models.ForeignKey("registry.Exemplar", on_delete=models.CASCADE,
                                 related_name="introductions", verbose_name=_("điển hình"))
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="introductions",
                                verbose_name=_("kênh"))
    sent_on = models.DateField(_("ngày gửi"))
    content = models.TextField(_("nội dung đã gửi"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=IntroductionStatus.choices,
                              default=IntroductionStatus.SENT, db_index=True)
    published_url = models.URLField(_("đường dẫn bài đăng"), max_length=500, blank=True)
    broadcast_on = models.DateField(_("ngày đăng, phát"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người ghi nhận"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lượt giới thiệu điển hình")
        verbose_name_plural = _("lượt giới thiệu điển hình")
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["exemplar", "sent_on"], name="propagation_exemplar_date")]

    def __str__(self) -> str:
        return f"{self.exemplar} — {self.channel} ({self.sent_on:%d/%m/%Y})"


class IntroductionAttachment(models.Model):
    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE,
                                     related_name="attachments")
    kind = models.CharField(_("loại tệp"), max_length=10)  # progress.models.AttachmentKind
    file = models.FileField(_("tệp"), storage=private.storage, upload_to=attachment_name,
                            max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("kích thước"))
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("tệp đính kèm lượt giới thiệu")
        verbose_name_plural = _("tệp đính kèm lượt giới thiệu")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class MediaKit(models.Model):
    """A letter of introduction of a selection of exemplars to one channel."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="media_kits",
                                verbose_name=_("kính gửi"))
    number = models.PositiveIntegerField(_("số công văn"), null=True, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=300)
    dated = models.DateField(_("ngày công văn"))
    body = models.TextField(_("nội dung mở đầu"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    exemplars = models.ManyToManyField("registry.Exemplar", related_name="media_kits",
                                       verbose_name=_("điển hình"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bộ tài liệu giới thiệu")
        verbose_name_plural = _("bộ tài liệu giới thiệu")
        ordering = ["-dated", "-pk"]

    def __str__(self) -> str:
        return self.subject
