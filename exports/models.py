"""A background export: one file a user asked for, made by the task worker, kept for a day."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from uploads import private


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không lập được")


LIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
EXTENSIONS = {"xlsx", "csv", "json", "docx"}


def export_name(_instance, filename: str) -> str:
    """``upload_to`` of a kept export: ``exports/<random>.<xlsx|csv|json|docx>``."""
    extension = Path(filename or "").suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return f"exports/{uuid.uuid4().hex}.{extension}"


class ExportJob(models.Model):
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     related_name="export_jobs", verbose_name=_("người yêu cầu"))
    kind = models.CharField(_("loại tệp"), max_length=64)
    fmt = models.CharField(_("định dạng"), max_length=8)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    # The same kind, format and parameters for the same user: one live job at a time.
    params_key = models.CharField(max_length=64, editable=False)
    language = models.CharField(max_length=8, default="vi")
    filename = models.CharField(_("tên tệp"), max_length=200)
    state = models.CharField(_("trạng thái"), max_length=8, choices=JobState.choices,
                             default=JobState.QUEUED)
    rows_done = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    file = models.FileField(storage=private.storage, upload_to=export_name, blank=True,
                            max_length=200)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("giữ đến"))

    class Meta:
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["requested_by", "params_key"],
                                    condition=Q(state__in=["queued", "running"]),
                                    name="exports_one_live_job_per_request"),
        ]
        indexes = [models.Index(fields=["expires_at"]),
                   models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("exports:job_status", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def live(self) -> bool:
        return self.state in LIVE_STATES
