"""The reasons of the apps above urging are registered, not stubs: plan_missing follows the
fostering plans, progress_overdue the progress updates."""

import datetime

import pytest

from fostering.models import FosteringPlan, PlanState
from tests.world import world  # noqa: F401  (fixture)
from urging.reasons import get_reason


@pytest.mark.django_db
def test_plan_missing_follows_the_plans(world):  # noqa: F811
    reason = get_reason("plan_missing")
    assert reason is not None
    today = datetime.date(2026, 12, 1)
    before = {t.unit.pk: t.missing_text for t in reason.select(world.campaign, today)}
    assert world.unit_a.pk in before and world.unit_b.pk in before
    assert "chưa được lập" in before[world.unit_a.pk]
    FosteringPlan.objects.create(campaign=world.campaign, unit=world.unit_a,
                                 state=PlanState.APPROVED)
    FosteringPlan.objects.create(campaign=world.campaign, unit=world.unit_b,
                                 state=PlanState.SUBMITTED)
    after = {t.unit.pk: t.missing_text for t in reason.select(world.campaign, today)}
    assert world.unit_a.pk not in after
    assert "chưa được duyệt" in after[world.unit_b.pk]


@pytest.mark.django_db
def test_progress_overdue_is_registered_and_selects_late_units(world):  # noqa: F811
    reason = get_reason("progress_overdue")
    assert reason is not None
    # no update at all for months: the world's exemplars are late well after their registration
    far = datetime.date.today() + datetime.timedelta(days=400)
    late = {t.unit.pk for t in reason.select(world.campaign, far)}
    assert world.unit_a.pk in late
    assert reason.select(world.campaign, datetime.date.today() - datetime.timedelta(days=1)) == []
