"""The exemplar lifecycle service: every transition × every role, states, reasons, audit, mail."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from audit.models import Action, AuditEvent
from core.errors import DomainError, NotAllowed, StaleVersion
from registry import services
from registry.enums import ExemplarState as E
from registry.models import Exemplar
from registry.workflow import EXEMPLAR_TRANSITIONS
from tests.world import ROLES, world  # noqa: F401

# Who may take each step. The system administrator is a superuser: every permission holds.
ALLOWED = {
    "foster": {"standing", "admin"},
    "propose": {"head_a", "standing", "admin"},
    "return_proposal": {"standing", "admin"},
    "recognise": {"standing", "admin"},
    "not_recognise": {"standing", "admin"},
    "withdraw": {"officer_a", "head_a", "admin"},
    "revoke": {"standing", "admin"},
}
REASON = "Cá nhân bị kỷ luật khiển trách trong năm"
BASIS = "Quyết định số 123/QĐ-UBND ngày 05/12/2026 của Chủ tịch UBND tỉnh"


def _user(world, role):  # noqa: F811
    return AnonymousUser() if role == "anonymous" else world.users[role]


def _put(exemplar: Exemplar, state: str) -> Exemplar:
    Exemplar.objects.filter(pk=exemplar.pk).update(state=state)
    exemplar.refresh_from_db()
    return exemplar


def _move(exemplar, name, user, **kwargs):
    kwargs.setdefault("reason", REASON)
    kwargs.setdefault("legal_basis", BASIS)
    return services.transition_exemplar(exemplar=exemplar, name=name, acting_user=user, **kwargs)


def _verbs(exemplar) -> list[str]:
    return list(AuditEvent.objects.filter(content_type__model="exemplar",
                                          object_id=str(exemplar.pk), action=Action.TRANSITION)
                .order_by("id").values_list("verb", flat=True))


def test_every_transition_has_its_allowed_roles_declared():
    assert set(ALLOWED) == set(EXEMPLAR_TRANSITIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_each_transition_for_each_role(world, name, role):  # noqa: F811
    step = EXEMPLAR_TRANSITIONS[name]
    source = sorted(step.sources)[0]
    exemplar = _put(world.exemplar_a, source)
    version = exemplar.version
    if role in ALLOWED[name]:
        moved = _move(exemplar, name, _user(world, role))
        assert moved.state == step.target
        stored = Exemplar.objects.get(pk=exemplar.pk)
        assert (stored.state, stored.version) == (step.target, version + 1)
        assert stored.state_changed_at is not None
        assert _verbs(exemplar) == [name]
    else:
        with pytest.raises(NotAllowed):
            _move(exemplar, name, _user(world, role))
        stored = Exemplar.objects.get(pk=exemplar.pk)
        assert (stored.state, stored.version, stored.state_changed_at) == (source, version, None)
        assert _verbs(exemplar) == []


@pytest.mark.django_db
@pytest.mark.parametrize("source", [E.REGISTERED, E.FOSTERING, E.PROPOSED])
def test_the_unit_withdraws_from_every_open_state(world, source):  # noqa: F811
    exemplar = _put(world.exemplar_a, source)
    moved = _move(exemplar, "withdraw", world.users["head_a"], legal_basis="")
    assert (moved.state, moved.state_reason) == (E.WITHDRAWN, REASON)


@pytest.mark.django_db
def test_another_units_officer_cannot_withdraw_even_a_province_wide_reader_cannot(world):  # noqa: F811
    for role in ("officer_b", "council", "standing"):
        with pytest.raises(NotAllowed):
            _move(world.exemplar_a, "withdraw", world.users[role])
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == E.REGISTERED


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_wrong_source_state_is_refused_in_vietnamese(world, name):  # noqa: F811
    step = EXEMPLAR_TRANSITIONS[name]
    admin = world.users["admin"]
    for state in set(E.values) - step.sources:
        exemplar = _put(world.exemplar_a, state)
        with pytest.raises(DomainError) as excinfo:
            _move(exemplar, name, admin)
        assert not isinstance(excinfo.value, NotAllowed)
        assert str(step.label) in excinfo.value.message
        assert str(E(state).label) in excinfo.value.message
        assert Exemplar.objects.get(pk=exemplar.pk).state == state
    assert _verbs(world.exemplar_a) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["not_recognise", "return_proposal", "withdraw", "revoke"])
def test_a_reason_is_required(world, name):  # noqa: F811
    exemplar = _put(world.exemplar_a, sorted(EXEMPLAR_TRANSITIONS[name].sources)[0])
    with pytest.raises(DomainError) as excinfo:
        _move(exemplar, name, world.users["admin"], reason="  \n ")
    assert excinfo.value.field == "reason"
    assert excinfo.value.message == "Hãy nêu lý do."
    assert Exemplar.objects.get(pk=exemplar.pk).state == sorted(EXEMPLAR_TRANSITIONS[name].sources)[0]


@pytest.mark.django_db
def test_revocation_requires_a_legal_basis_and_keeps_it(world):  # noqa: F811
    exemplar = _put(world.exemplar_a, E.RECOGNISED)
    standing = world.users["standing"]
    with pytest.raises(DomainError) as excinfo:
        _move(exemplar, "revoke", standing, legal_basis=" ")
    assert excinfo.value.field == "legal_basis"
    assert Exemplar.objects.get(pk=exemplar.pk).state == E.RECOGNISED
    moved = _move(exemplar, "revoke", standing)
    stored = Exemplar.objects.get(pk=moved.pk)
    assert (stored.state, stored.state_reason, stored.legal_basis) == (E.REVOKED, REASON, BASIS)
    event = AuditEvent.objects.get(object_id=str(exemplar.pk), verb="revoke")
    assert event.reason == REASON
    assert event.actor == standing
    assert event.unit == world.unit_a
    assert event.changes["state"] == ["recognised", "revoked"]
    assert event.changes["legal_basis"] == ["", BASIS]


@pytest.mark.django_db
def test_steps_without_a_required_reason_go_without_one(world):  # noqa: F811
    standing = world.users["standing"]
    exemplar = world.exemplar_a
    for name, state in [("foster", E.FOSTERING), ("propose", E.PROPOSED),
                        ("recognise", E.RECOGNISED)]:
        exemplar = _move(exemplar, name, standing, reason="", legal_basis="")
        assert (exemplar.state, exemplar.state_reason) == (state, "")
    assert _verbs(exemplar) == ["foster", "propose", "recognise"]


@pytest.mark.django_db
def test_the_whole_path_to_not_recognised(world):  # noqa: F811
    standing = world.users["standing"]
    exemplar = _move(world.exemplar_a, "foster", standing, reason="")
    exemplar = _move(exemplar, "propose", standing, reason="")
    exemplar = _move(exemplar, "not_recognise", standing, reason="Chưa đủ 05 năm hoàn thành tốt")
    stored = Exemplar.objects.get(pk=exemplar.pk)
    assert (stored.state, stored.state_reason) == (E.NOT_RECOGNISED, "Chưa đủ 05 năm hoàn thành tốt")
    assert _verbs(exemplar) == ["foster", "propose", "not_recognise"]


@pytest.mark.django_db
def test_unknown_transition_is_refused(world):  # noqa: F811
    with pytest.raises(DomainError) as excinfo:
        _move(world.exemplar_a, "commend", world.users["admin"])
    assert excinfo.value.message == "Thao tác không hợp lệ."


@pytest.mark.django_db
def test_stale_version_is_refused(world):  # noqa: F811
    exemplar, officer = world.exemplar_a, world.users["officer_a"]
    read_version = exemplar.version
    services.update_exemplar(exemplar=exemplar, data={"position_title": "Bác sĩ"},
                             expected_version=read_version, acting_user=officer)
    with pytest.raises(StaleVersion):
        _move(exemplar, "foster", world.users["standing"], expected_version=read_version)
    assert Exemplar.objects.get(pk=exemplar.pk).state == E.REGISTERED
    moved = _move(exemplar, "foster", world.users["standing"],
                  expected_version=read_version + 1)
    assert moved.state == E.FOSTERING


# --- who is told -------------------------------------------------------------------------------
def _told(world) -> set[str]:  # noqa: F811
    by_user = {user.pk: role for role, user in world.users.items()}
    return {by_user[n.user_id] for n in Notification.objects.all() if n.user_id in by_user}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "actor", "told"), [
    ("foster", "standing", {"officer_a", "head_a"}),
    ("propose", "standing", {"officer_a", "head_a", "council"}),
    ("return_proposal", "standing", {"officer_a", "head_a"}),
    ("recognise", "standing", {"officer_a", "head_a"}),
    ("not_recognise", "standing", {"officer_a", "head_a"}),
    ("withdraw", "officer_a", {"head_a", "standing"}),
    ("revoke", "standing", {"officer_a", "head_a"}),
])
def test_the_declared_audience_is_told_after_commit(world, name, actor, told):  # noqa: F811
    exemplar = _put(world.exemplar_a, sorted(EXEMPLAR_TRANSITIONS[name].sources)[0])
    _move(exemplar, name, world.users[actor])
    assert _told(world) == told
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        world.users[role].email for role in told)
    message = mail.outbox[0]
    state = str(EXEMPLAR_TRANSITIONS[name].target.label)
    assert message.subject == f"[Điển hình tiên tiến] Đặng Thị Mai: {state}"
    assert "Sở Y tế Thử" in message.body
    assert f"Thao tác: {EXEMPLAR_TRANSITIONS[name].label}." in message.body
    assert f"Lý do: {REASON}" in message.body
    assert (f"Căn cứ: {BASIS}" in message.body) == (name == "revoke")
    notice = Notification.objects.first()
    assert notice.message == (f"Điển hình “Đặng Thị Mai” của Sở Y tế Thử "
                              f"({world.campaign.name}) đã chuyển sang: {state}.")
    assert notice.url == reverse("registry:exemplar_detail", args=[exemplar.pk])


@pytest.mark.django_db(transaction=True)
def test_a_refused_step_tells_nobody(world):  # noqa: F811
    with pytest.raises(NotAllowed):
        _move(world.exemplar_a, "foster", world.users["council"])
    assert Notification.objects.count() == 0
    assert mail.outbox == []
