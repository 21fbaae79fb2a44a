"""Who may do what with a fostering plan. The roles mirror the registration's: the unit's
officer writes (draft or returned) and submits, its head approves, returns or reopens; the
province-wide roles (standing office, council, system administrator) read every plan."""

import rules

from accounts.rules import (
    is_council_member,
    is_head_of_unit,
    is_national_office,
    is_officer_of_unit,
    is_standing_office,
    is_system_admin,
    sees_unit,
)
from fostering.models import EDITABLE_PLAN_STATES, PlanState


@rules.predicate
def sees_plan(user, plan) -> bool:
    return plan is not None and sees_unit(user, plan.unit)


@rules.predicate
def writes_plan(user, plan) -> bool:
    return plan is not None and is_officer_of_unit(user, plan.unit)


@rules.predicate
def heads_plan_unit(user, plan) -> bool:
    return plan is not None and is_head_of_unit(user, plan.unit)


@rules.predicate
def plan_editable(user, plan) -> bool:
    return plan is not None and plan.state in EDITABLE_PLAN_STATES


@rules.predicate
def plan_submitted(user, plan) -> bool:
    return plan is not None and plan.state == PlanState.SUBMITTED


@rules.predicate
def plan_approved(user, plan) -> bool:
    return plan is not None and plan.state == PlanState.APPROVED


@rules.predicate
def moves_plan(user, plan) -> bool:
    from fostering.workflow import available

    return plan is not None and any(user.has_perm(step.permission, plan)
                                    for step in available(plan.state))


rules.add_perm("fostering.view_plan", sees_plan)
rules.add_perm("fostering.change_plan", writes_plan & plan_editable)
rules.add_perm("fostering.submit_plan", writes_plan & plan_editable)
rules.add_perm("fostering.approve_plan", heads_plan_unit & plan_submitted)
rules.add_perm("fostering.reopen_plan", heads_plan_unit & plan_approved)
rules.add_perm("fostering.transition_plan", moves_plan)
# The execution record of an approved plan: the unit's officer or head marks a step done.
rules.add_perm("fostering.record_done", (writes_plan | heads_plan_unit) & plan_approved)
rules.add_perm("fostering.view_plan_list", is_standing_office | is_council_member | is_system_admin
               | is_national_office)
