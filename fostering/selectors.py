"""Scoped, N+1-free reads of fostering plans, and what other apps ask about them.

For other apps (urging, progress, the dashboard):

* ``plans_visible_to(user)`` — the plans the user may read.
* ``plan_for(campaign, unit)`` — the unit's plan for the campaign, or ``None``.
* ``units_without_approved_plan(campaign)`` — the units required to register for the campaign
  whose plan is missing or not approved (the urging reason ``plan_missing``).
* ``plan_states_by_unit(campaign)`` — unit id → plan state, for every unit having a plan.
* ``overdue_milestones(campaign=None, today=None)`` — milestones past due, not done.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts import roles
from fostering.models import FosteringPlan, Milestone, PlanItem, PlanState, SupportAction
from fostering.workflow import available
from guidance.models import Campaign
from orgs.models import Unit
from registry.enums import OPEN_EXEMPLAR_STATES
from registry.models import Exemplar


def plans_visible_to(user) -> QuerySet[FosteringPlan]:
    plans = FosteringPlan.objects.select_related("unit", "campaign", "campaign__pack",
                                                 "approved_by")
    return roles.scoped(plans, user, "unit__tree_path")


def plan_for(campaign: Campaign, unit: Unit) -> FosteringPlan | None:
    return (FosteringPlan.objects.select_related("unit", "campaign", "campaign__pack")
            .filter(campaign=campaign, unit=unit).first())


def plans_with_counts(plans: QuerySet[FosteringPlan]) -> QuerySet[FosteringPlan]:
    """Each plan with its item count and the number of its milestones overdue today."""
    today = timezone.localdate()
    return plans.annotate(
        item_count=Count("items", distinct=True),
        overdue_count=Count("items__milestones", distinct=True, filter=Q(
            items__milestones__due_on__lt=today, items__milestones__done_on__isnull=True)),
    )


def units_without_approved_plan(campaign: Campaign) -> QuerySet[Unit]:
    """Units required to register for ``campaign`` (``registry.selectors``) without an approved
    fostering plan for it — none written yet, or one still in draft, submitted or returned."""
    from registry.selectors import units_required_to_register

    approved = FosteringPlan.objects.filter(campaign=campaign, state=PlanState.APPROVED)
    return units_required_to_register(campaign).exclude(pk__in=approved.values("unit_id"))


def plan_states_by_unit(campaign: Campaign) -> dict[int, str]:
    return dict(FosteringPlan.objects.filter(campaign=campaign).values_list("unit_id", "state"))


def overdue_milestones(*, campaign: Campaign | None = None,
                       today: datetime.date | None = None) -> QuerySet[Milestone]:
    today = today or timezone.localdate()
    found = Milestone.objects.select_related("item__plan__unit", "item__exemplar").filter(
        due_on__lt=today, done_on__isnull=True)
    if campaign is not None:
        found = found.filter(item__plan__campaign=campaign)
    return found


def plan_exemplars(plan: FosteringPlan) -> QuerySet[Exemplar]:
    """The unit's exemplars registered for the plan's campaign, still open in their lifecycle."""
    return (Exemplar.objects.filter(registration__campaign_id=plan.campaign_id,
                                    registration__unit_id=plan.unit_id,
                                    state__in=OPEN_EXEMPLAR_STATES)
            .select_related("registration").order_by("kind", "position", "pk"))


def plan_items(plan: FosteringPlan) -> list[PlanItem]:
    return list(plan.items.select_related("exemplar", "exemplar__registration").prefetch_related(
        Prefetch("actions", queryset=SupportAction.objects.order_by("due_on", "pk")),
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
    ).order_by("exemplar__kind", "exemplar__position", "pk"))


def plan_steps(plan: FosteringPlan, user) -> list:
    return [t for t in available(plan.state) if user.has_perm(t.permission, plan)]


@dataclass(frozen=True)
class PackCriterion:
    code: str
    text: str


@dataclass(frozen=True)
class PackField:
    key: str
    label: str
    criteria_text: str


def pack_criteria(plan: FosteringPlan, exemplars=None) -> dict:
    """What the campaign's guidance pack says, shown beside the unit's own criteria: the
    general criteria, and the criteria of the fields the unit's exemplars belong to."""
    pack = plan.campaign.pack.pack
    keys = {e.field_key for e in (exemplars if exemplars is not None else plan_exemplars(plan))}
    general = [PackCriterion(c.code, c.text) for c in pack.criteria if c.group == "general"]
    fields = [PackField(f.key, f.label, f.criteria_text) for f in pack.fields
              if f.key in keys and f.criteria_text]
    return {"general": general, "fields": fields}
