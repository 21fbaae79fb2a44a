"""Inspections (kiểm tra) of units by the standing office: plan, findings, conclusions and the
follow-up actions the inspected units carry out (guidance 2533, R12)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspections.enums import FindingKind, FollowUpState, InspectionState


class Inspection(models.Model):
    campaign = models.ForeignKey("guidance.Campaign", verbose_name=_("đợt thi đua"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="inspections")
    title = models.CharField(_("tên đợt kiểm tra"), max_length=500)
    scope = models.TextField(_("nội dung kiểm tra"))
    decision_basis = models.TextField(_("căn cứ (số, ngày quyết định kiểm tra)"), blank=True)
    start_on = models.DateField(_("ngày bắt đầu"))
    end_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # One member a line: "Họ và tên — chức vụ, vai trò trong đoàn".
    team = models.TextField(_("thành phần đoàn kiểm tra"), blank=True)
    conclusion = models.TextField(_("kết luận chung"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=InspectionState.choices,
                             default=InspectionState.PLANNED)
    state_reason = models.TextField(_("lý do"), blank=True)
    concluded_at = models.DateTimeField(_("ngày kết luận"), null=True, blank=True)
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan kiểm tra"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    units = models.ManyToManyField("orgs.Unit", through="InspectionUnit",
                                   related_name="inspections", verbose_name=_("đơn vị được kiểm tra"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đợt kiểm tra")
        verbose_name_plural = _("đợt kiểm tra")
        ordering = ["-start_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def team_rows(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]


class InspectionUnit(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="unit_rows")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    conclusion = models.TextField(_("kết luận đối với đơn vị"), blank=True)

    class Meta:
        verbose_name = _("đơn vị được kiểm tra")
        verbose_name_plural = _("đơn vị được kiểm tra")
        constraints = [models.UniqueConstraint(fields=["inspection", "unit"],
                                               name="inspection_unit_once")]

    def __str__(self) -> str:
        return f"{self.inspection} — {self.unit}"


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    exemplar = models.ForeignKey("registry.Exemplar", verbose_name=_("điển hình"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=12, choices=FindingKind.choices)
    text = models.TextField(_("nội dung"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["unit_id", "exemplar_id", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="follow_ups")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    action = models.TextField(_("việc phải làm"))
    owner_name = models.CharField(_("người chịu trách nhiệm"), max_length=255)
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản phụ trách"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    deadline = models.DateField(_("hạn hoàn thành"))
    state = models.CharField(_("trạng thái"), max_length=16, choices=FollowUpState.choices,
                             default=FollowUpState.OPEN)
    unit_note = models.TextField(_("đơn vị báo cáo"), blank=True)
    state_reason = models.TextField(_("lý do"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("việc khắc phục sau kiểm tra")
        verbose_name_plural = _("việc khắc phục sau kiểm tra")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.action[:80]
