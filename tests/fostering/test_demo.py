"""The demo shows fostering plans in several states, with an overdue milestone."""

import pytest
from django.core.management import call_command

from fostering import selectors
from fostering.models import FosteringPlan, SupportAction


@pytest.mark.django_db
def test_demo_has_plans_in_several_states():
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    states = set(FosteringPlan.objects.values_list("state", flat=True))
    assert {"approved", "draft", "returned"} <= states
    assert SupportAction.objects.exists()
    overdue = selectors.overdue_milestones()
    assert overdue.filter(item__plan__state="approved").exists()
    assert FosteringPlan.objects.get(state="returned").return_reason
