"""Reviews (sơ kết, tổng kết): a review period is data — which campaigns of one guidance it
covers and between which dates — and every report generated for it is kept, with the day, the
grouping, the figures it printed and the data version (the last audit-log entry) it was made
from. A finished report never changes; a new one is generated instead."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from uploads import private


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class ReviewPeriod(models.Model):
    code = models.SlugField(_("mã"), max_length=64, unique=True)
    kind = models.CharField(_("loại"), max_length=8, choices=ReviewKind.choices)
    title = models.CharField(_("tên"), max_length=500)
    campaigns = models.ManyToManyField("guidance.Campaign", related_name="review_periods",
                                       verbose_name=_("đợt thi đua"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ sơ kết, tổng kết")
        verbose_name_plural = _("kỳ sơ kết, tổng kết")
        ordering = ["-ends_on", "code"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                              name="review_period_ordered")]

    def __str__(self) -> str:
        return self.title


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không lập được")


class ReviewReport(models.Model):
    period = models.ForeignKey(ReviewPeriod, on_delete=models.PROTECT, related_name="reports",
                               verbose_name=_("kỳ sơ kết, tổng kết"))
    grouping = models.CharField(_("nhóm theo"), max_length=8, default="current")
    state = models.CharField(_("trạng thái"), max_length=8, choices=ReportState.choices,
                             default=ReportState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("bước"), max_length=120, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    # What the report was made from: the figures as printed and the last audit-log entry.
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    data_version = models.PositiveBigIntegerField(_("phiên bản dữ liệu"), null=True, blank=True)
    docx = models.FileField(storage=private.storage, upload_to=private.report_name,
                            max_length=255, blank=True)
    xlsx = models.FileField(storage=private.storage, upload_to=private.report_name,
                            max_length=255, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.period} — {self.requested_at:%d/%m/%Y %H:%M}"
