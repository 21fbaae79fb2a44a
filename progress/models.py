"""Progress of an exemplar under fostering: dated updates (text, percent, quality note, files)
and, per campaign, after how many days without one an exemplar is "chậm cập nhật".

Updates are never edited: a correction is a new update; the author may withdraw one (with a
reason, audited) — it stays on the timeline, marked withdrawn, and no longer counts."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from uploads import private

DEFAULT_STALE_AFTER_DAYS = 30
STORED_EXTENSIONS = {".jpg", ".pdf", ".docx", ".xlsx"}


def attachment_name(_instance, filename: str) -> str:
    """``progress/<32 hex>.<jpg|pdf|docx|xlsx>``: the stored name says nothing about the file."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in STORED_EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return f"progress/{uuid.uuid4().hex}{extension}"


class ProgressSettings(models.Model):
    """A campaign's lateness threshold, set by the standing office."""

    campaign = models.OneToOneField("guidance.Campaign", on_delete=models.CASCADE,
                                    related_name="progress_settings",
                                    verbose_name=_("đợt thi đua"))
    stale_after_days = models.PositiveSmallIntegerField(
        _("số ngày không cập nhật thì coi là chậm"),
        validators=[MinValueValidator(1), MaxValueValidator(365)])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cài đặt theo dõi tiến độ")
        verbose_name_plural = _("cài đặt theo dõi tiến độ")

    def __str__(self) -> str:
        return str(self.campaign)


class ProgressUpdate(models.Model):
    exemplar = models.ForeignKey("registry.Exemplar", on_delete=models.CASCADE,
                                 related_name="progress_updates", verbose_name=_("điển hình"))
    on_date = models.DateField(_("ngày cập nhật"))
    text = models.TextField(_("nội dung"))
    percent = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    quality_note = models.TextField(_("nhận xét chất lượng"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("người cập nhật"))
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ngày rút"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("lý do rút"), blank=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-on_date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["exemplar", "on_date"], name="progress_exemplar_date")]
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100),
                                              name="progress_percent_at_most_100")]

    def __str__(self) -> str:
        return f"{self.exemplar} — {self.on_date:%d/%m/%Y} ({self.percent}%)"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    DOCUMENT = "document", _("Tài liệu")


class ProgressAttachment(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE,
                               related_name="attachments")
    kind = models.CharField(_("loại tệp"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), storage=private.storage, upload_to=attachment_name,
                            max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("kích thước"))
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("tệp đính kèm tiến độ")
        verbose_name_plural = _("tệp đính kèm tiến độ")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
