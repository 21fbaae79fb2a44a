"""The transition tables are well formed, and the registration's audience is what it was."""

import pytest
import rules
from django.core import mail
from django.utils import timezone

from accounts.models import Notification, Role
from registry import services
from registry.effects import Move
from registry.enums import ExemplarState, RegistrationState
from registry.models import Exemplar, Registration
from registry.workflow import EXEMPLAR_TRANSITIONS, TRANSITIONS
from tests.world import world  # noqa: F401

TABLES = [(TRANSITIONS, RegistrationState, Registration),
          (EXEMPLAR_TRANSITIONS, ExemplarState, Exemplar)]


@pytest.mark.parametrize(("table", "states", "model"), TABLES)
def test_every_declaration_names_real_states_permissions_and_roles(table, states, model):
    for name, step in table.items():
        assert step.name == name
        assert step.sources and step.sources <= set(states.values), name
        assert step.target in states.values, name
        assert rules.perm_exists(step.permission), name
        assert step.audience and set(step.audience) <= set(Role.values), name
        assert len({e.name for e in step.effects}) == len(step.effects), name


@pytest.mark.django_db
def test_every_effect_sets_fields_of_its_model(world):  # noqa: F811
    move = Move(acting_user=world.users["admin"], reason="Lý do", legal_basis="Căn cứ",
                now=timezone.now())
    for table, obj in [(TRANSITIONS, world.registration_a),
                       (EXEMPLAR_TRANSITIONS, world.exemplar_a)]:
        fields = {f.name for f in type(obj)._meta.concrete_fields}
        for step in table.values():
            for effect in step.effects:
                assert set(effect(obj, move)) <= fields, (step.name, effect.name)


@pytest.mark.django_db(transaction=True)
def test_registration_audience_per_transition_is_unchanged(world):  # noqa: F811
    """Who hears about each registration step (the actor never does)."""
    u, reg = world.users, world.registration_a
    by_user = {user.pk: role for role, user in u.items()}
    expected = [
        ("send_for_approval", "officer_a", "", {"head_a"}),
        ("send_back", "head_a", "Bổ sung giải pháp", {"officer_a"}),
        ("send_for_approval", "officer_a", "", {"head_a"}),
        ("approve", "head_a", "", {"officer_a", "standing"}),
        ("return", "standing", "Thiếu chữ ký", {"officer_a", "head_a"}),
        ("send_for_approval", "officer_a", "", {"head_a"}),
        ("approve", "head_a", "", {"officer_a", "standing"}),
        ("receive", "standing", "", {"officer_a", "head_a"}),
        ("reopen", "standing", "Bổ sung hộ gia đình", {"officer_a", "head_a"}),
    ]
    for name, actor, reason, told in expected:
        Notification.objects.all().delete()
        mail.outbox.clear()
        reg = services.transition_registration(registration=reg, transition=name,
                                               acting_user=u[actor], reason=reason)
        assert {by_user[n.user_id] for n in Notification.objects.all()} == told, name
        assert sorted(a for m in mail.outbox for a in m.to) == sorted(u[r].email for r in told)
        assert mail.outbox[0].subject == (
            f"[Điển hình tiên tiến] Sở Y tế Thử: {reg.get_state_display()}")
    stored = Registration.objects.get(pk=reg.pk)
    assert (stored.state, stored.return_reason) == (RegistrationState.RETURNED,
                                                    "Bổ sung hộ gia đình")
    assert stored.submitted_at is not None and stored.received_at is not None
