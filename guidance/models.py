"""Guidance packs (the guidance as versioned data) and the campaigns that use them.

The pack's content is stored as validated JSON (see ``guidance.pack``); code reads fields,
criteria, quotas and the form layout through that typed view, never from constants.
"""

import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from guidance.pack import Pack


class GuidancePack(models.Model):
    code = models.CharField(_("số hiệu"), max_length=64)
    version = models.PositiveIntegerField(_("phiên bản"))
    title = models.CharField(_("tên hướng dẫn"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"))
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    content = models.JSONField(_("nội dung"))
    checksum = models.CharField(_("mã kiểm tra (SHA-256)"), max_length=64)
    loaded_at = models.DateTimeField(_("nạp lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bộ hướng dẫn")
        verbose_name_plural = _("bộ hướng dẫn")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="pack_version")]
        ordering = ["code", "-version"]

    def __str__(self) -> str:
        return f"{self.code} (v{self.version})"

    @cached_property
    def pack(self) -> "Pack":
        from guidance.pack import Pack

        return Pack.model_validate(self.content)


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang nhận đăng ký")
    CLOSED = "closed", _("Đã kết thúc")


class Campaign(models.Model):
    code = models.CharField(_("mã đợt"), max_length=64, unique=True)
    name = models.CharField(_("tên đợt"), max_length=500)
    pack = models.ForeignKey(GuidancePack, verbose_name=_("bộ hướng dẫn"), on_delete=models.PROTECT,
                             related_name="campaigns")
    period_start_year = models.PositiveSmallIntegerField(_("giai đoạn từ năm"))
    period_end_year = models.PositiveSmallIntegerField(_("giai đoạn đến năm"))
    proposal_year = models.PositiveSmallIntegerField(
        _("năm đề xuất"), help_text=_("Năm Y dùng khi xét tiêu chuẩn (5 năm Y-4…Y).")
    )
    registration_deadline = models.DateField(_("hạn gửi đăng ký"))
    interim_review_on = models.DateField(_("sơ kết"), null=True, blank=True)
    final_review_on = models.DateField(_("tổng kết"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=CampaignStatus.choices,
                              default=CampaignStatus.OPEN)

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["-registration_deadline"]

    def __str__(self) -> str:
        return self.name

    def is_late_on(self, day: datetime.date) -> bool:
        return day > self.registration_deadline
