"""Reminders (đôn đốc): the editable message templates, the schedule of automatic reminders
and the record of every reminder sent (one per campaign, unit, reason and day)."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The placeholders a template may use, and what each stands for.
PLACEHOLDERS = {
    "don_vi": _("tên đơn vị"),
    "han": _("hạn (dd/mm/yyyy)"),
    "con_thieu": _("những gì còn thiếu"),
    "dot": _("tên đợt thi đua"),
}


def template_placeholders(text: str) -> list[str]:
    """The names in ``{…}`` of ``text``; raises ValueError on a malformed brace."""
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


def validate_template_text(text: str) -> None:
    try:
        names = template_placeholders(text)
    except ValueError as error:
        raise ValidationError(
            _("Mẫu có dấu ngoặc nhọn không đóng/mở đúng. Dùng {don_vi}, {han}, {con_thieu}, {dot}.")
        ) from error
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Mẫu dùng chỗ trống không có: %(names)s. Chỉ được dùng: %(allowed)s.")
            % {"names": ", ".join("{" + n + "}" for n in unknown),
               "allowed": ", ".join("{" + n + "}" for n in PLACEHOLDERS)}
        )


class ReminderTemplate(models.Model):
    """The message of one reason's reminders, written and edited by the standing office.
    The template in force on a day is the latest with ``valid_from`` ≤ day (and no
    ``valid_to`` before it)."""

    reason = models.CharField(_("lý do nhắc"), max_length=32, db_index=True)
    subject = models.CharField(_("tiêu đề thư"), max_length=200, validators=[validate_template_text])
    body = models.TextField(_("nội dung"), validators=[validate_template_text])
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mẫu nhắc nhở")
        verbose_name_plural = _("mẫu nhắc nhở")
        ordering = ["reason", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.reason} ({self.valid_from:%d/%m/%Y})"


class ReminderSchedule(models.Model):
    """Automatic reminders of a campaign: on each offset (days relative to the campaign's
    registration deadline: -7 = seven days before, 1 = a day after) for each reason."""

    campaign = models.OneToOneField("guidance.Campaign", on_delete=models.CASCADE,
                                    related_name="reminder_schedule")
    offsets = models.JSONField(_("các ngày nhắc (so với hạn)"), default=list)
    reasons = models.JSONField(_("lý do nhắc"), default=list)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lịch nhắc tự động")
        verbose_name_plural = _("lịch nhắc tự động")

    def __str__(self) -> str:
        return f"{self.campaign} {self.offsets}"


class Reminder(models.Model):
    """One reminder sent to one unit: never twice for the same campaign, unit, reason, day."""

    campaign = models.ForeignKey("guidance.Campaign", on_delete=models.PROTECT,
                                 related_name="reminders")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="reminders")
    reason = models.CharField(_("lý do nhắc"), max_length=32)
    day = models.DateField(_("ngày nhắc"))
    channels = models.JSONField(_("kênh gửi"), default=list)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    message = models.TextField(_("nội dung"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                help_text=_("Trống: nhắc tự động theo lịch."))
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(_("đã chuyển lúc"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)

    class Meta:
        verbose_name = _("lần nhắc")
        verbose_name_plural = _("lần nhắc")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit", "reason", "day"],
                                               name="reminder_once_a_day")]
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.reason} ({self.day:%d/%m/%Y})"


class SchedulerState(models.Model):
    """When the worker last started the scheduled reminders (one row per job key), so a
    restarted worker does not start them again before their interval."""

    key = models.CharField(max_length=64, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trạng thái lịch chạy")
        verbose_name_plural = _("trạng thái lịch chạy")

    def __str__(self) -> str:
        return self.key
