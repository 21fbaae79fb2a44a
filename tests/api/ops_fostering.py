"""Fostering plans: who may do what with a token — the web's answers, except that a plan outside
what the role sees is a 404 as if absent."""

import datetime

from fostering.models import FosteringPlan, Milestone
from tests.api.spec import Change, Read, everyone, only

SEES_A = ("officer_a", "head_a", "standing", "council", "admin")
OUTSIDE = {"officer_b": 404}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan(w):
    from fostering.services import create_plan

    return create_plan(campaign=w.campaign, unit=w.unit_a, acting_user=w.users["officer_a"])


def plan_a(suffix: str = ""):
    return lambda w: f"/fostering-plans/{_plan(w).pk}{suffix}"


def _row(w):
    plan = FosteringPlan.objects.filter(unit=w.unit_a).first()
    return plan and (plan.state, plan.sector_criteria, plan.version)


def _approved_milestone(w):
    from fostering.services import add_milestone, transition_plan

    plan = _plan(w)
    item = plan.items.get(exemplar=w.exemplar_a)
    milestone = add_milestone(plan=plan, item=item, title="Sơ kết",
                              due_on=datetime.date(2026, 6, 30), expected_version=plan.version,
                              acting_user=w.users["officer_a"])
    plan = transition_plan(plan=plan, name="submit_plan", acting_user=w.users["officer_a"])
    transition_plan(plan=plan, name="approve_plan", acting_user=w.users["head_a"])
    return f"/fostering-plans/{plan.pk}/milestones/{milestone.pk}/done"


OPERATIONS = {
    ("GET", "/fostering-plans/"): Read(lambda w: "/fostering-plans/", everyone(200)),
    ("GET", "/fostering-plans/{plan_id}"): Read(plan_a(), only("national", *SEES_A)),
    ("GET", "/fostering-plans/{plan_id}/docx"): Read(plan_a("/docx"), only("national", *SEES_A),
                                                      content_type=DOCX),
    ("POST", "/fostering-plans/"): Change(
        lambda w: "/fostering-plans/", ("officer_a", "officer_b"),
        lambda w: FosteringPlan.objects.count(), body=lambda w: {"campaign": w.campaign.code}),
    ("PATCH", "/fostering-plans/{plan_id}"): Change(
        plan_a(), ("officer_a", "admin"), _row,
        body=lambda w: {"sector_criteria": "Tận tụy", "version": _plan(w).version},
        denied=OUTSIDE),
    ("POST", "/fostering-plans/{plan_id}/transitions/{name}"): Change(
        plan_a("/transitions/submit_plan"), ("officer_a", "admin"), _row, denied=OUTSIDE),
    ("POST", "/fostering-plans/{plan_id}/milestones/{milestone_id}/done"): Change(
        _approved_milestone, ("officer_a", "head_a", "admin"),
        lambda w: Milestone.objects.filter(done_on__isnull=False).count(), denied=OUTSIDE),
}
