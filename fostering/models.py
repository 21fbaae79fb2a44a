"""Fostering plans (kế hoạch bồi dưỡng, nhân rộng): one per unit and campaign (guidance III.2,
R12). The plan holds the unit's sector-specific criteria and, per exemplar of the unit's
registration, the person responsible, the support actions and the milestones.

What the plan says (criteria, items, actions, milestones) is frozen once approved; reopening it
is a declared transition (``fostering.workflow``). Marking an action or a milestone done is the
record of its execution and is made on an approved plan.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.models import Campaign
from orgs.models import Unit


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ thủ trưởng duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


EDITABLE_PLAN_STATES = frozenset({PlanState.DRAFT, PlanState.RETURNED})


class FosteringPlan(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="fostering_plans")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="fostering_plans")
    state = models.CharField(_("trạng thái"), max_length=12, choices=PlanState.choices,
                             default=PlanState.DRAFT, db_index=True)
    sector_criteria = models.TextField(_("tiêu chí cụ thể của ngành, lĩnh vực"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    # Optimistic lock: every write to the plan or to one of its parts bumps it.
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("ngày trình"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người duyệt"))
    approved_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch bồi dưỡng, nhân rộng")
        verbose_name_plural = _("kế hoạch bồi dưỡng, nhân rộng")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"],
                                               name="fostering_plan_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.campaign.code}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_PLAN_STATES


class PlanItem(models.Model):
    """What the plan says about one exemplar of the unit's registration."""

    plan = models.ForeignKey(FosteringPlan, on_delete=models.CASCADE, related_name="items")
    exemplar = models.ForeignKey("registry.Exemplar", on_delete=models.CASCADE,
                                 related_name="plan_items", verbose_name=_("điển hình"))
    responsible = models.CharField(_("người phụ trách"), max_length=255, blank=True)
    notes = models.TextField(_("nội dung bồi dưỡng, nhân rộng"), blank=True)

    class Meta:
        verbose_name = _("điển hình trong kế hoạch")
        constraints = [models.UniqueConstraint(fields=["plan", "exemplar"],
                                               name="fostering_item_one_per_exemplar")]

    def __str__(self) -> str:
        return self.exemplar.name


class SupportAction(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="actions")
    helper = models.CharField(_("người, đơn vị giúp đỡ"), max_length=255)
    content = models.TextField(_("nội dung hỗ trợ"))
    due_on = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("hoạt động hỗ trợ")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.content[:80]


class Milestone(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("mốc"), max_length=500)
    due_on = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc tiến độ")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
