import pytest
from django.core import mail

from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed, StaleVersion
from registry import services
from registry.enums import RegistrationState
from tests.world import world  # noqa: F401


def _move(registration, step, user, reason=""):
    return services.transition_registration(registration=registration, transition=step,
                                            acting_user=user, reason=reason)


@pytest.mark.django_db(transaction=True)
def test_full_flow_with_return_and_resubmission(world):  # noqa: F811
    reg, u = world.registration_a, world.users
    reg = _move(reg, "send_for_approval", u["officer_a"])
    assert reg.state == RegistrationState.AWAITING_APPROVAL
    reg = _move(reg, "approve", u["head_a"])
    assert reg.state == RegistrationState.SUBMITTED and reg.submitted_at is not None
    assert reg.is_late is False
    reg = _move(reg, "return", u["standing"], reason="Thiếu giải pháp cụ thể")
    assert reg.state == RegistrationState.RETURNED
    assert reg.return_reason == "Thiếu giải pháp cụ thể"
    reg = _move(reg, "send_for_approval", u["officer_a"])
    reg = _move(reg, "approve", u["head_a"])
    reg = _move(reg, "receive", u["standing"])
    assert reg.state == RegistrationState.RECEIVED and reg.received_at is not None
    verbs = list(AuditEvent.objects.filter(object_id=str(reg.pk), content_type__model="registration")
                 .order_by("id").values_list("verb", flat=True))
    assert verbs == ["send_for_approval", "approve", "return", "send_for_approval", "approve",
                     "receive"]
    returned = AuditEvent.objects.get(object_id=str(reg.pk), verb="return")
    assert returned.reason == "Thiếu giải pháp cụ thể"
    assert returned.changes["state"] == ["submitted", "returned"]


@pytest.mark.django_db(transaction=True)
def test_mail_and_notice_go_to_the_people_concerned_after_commit(world):  # noqa: F811
    reg, u = world.registration_a, world.users
    _move(reg, "send_for_approval", u["officer_a"])
    assert [m.to for m in mail.outbox] == [[u["head_a"].email]]
    assert "Sở Y tế Thử" in mail.outbox[0].subject
    assert u["head_a"].notifications.count() == 1
    assert u["officer_a"].notifications.count() == 0  # the actor is not told about their own act


@pytest.mark.django_db
def test_wrong_role_cannot_transition(world):  # noqa: F811
    reg, u = world.registration_a, world.users
    with pytest.raises(NotAllowed):
        _move(reg, "send_for_approval", u["officer_b"])
    _move(reg, "send_for_approval", u["officer_a"])
    with pytest.raises(NotAllowed):
        _move(reg, "approve", u["officer_a"])  # the officer cannot approve their own form
    reg.refresh_from_db()
    assert reg.state == RegistrationState.AWAITING_APPROVAL


@pytest.mark.django_db
def test_transition_from_wrong_state_is_refused_in_vietnamese(world):  # noqa: F811
    with pytest.raises(DomainError) as excinfo:
        _move(world.registration_a, "receive", world.users["standing"])
    assert "Tiếp nhận" in excinfo.value.message and "Đang soạn" in excinfo.value.message


@pytest.mark.django_db
def test_return_requires_a_reason(world):  # noqa: F811
    reg, u = world.registration_a, world.users
    _move(reg, "send_for_approval", u["officer_a"])
    _move(reg, "approve", u["head_a"])
    with pytest.raises(DomainError):
        _move(reg, "return", u["standing"], reason="   ")
    reg.refresh_from_db()
    assert reg.state == RegistrationState.SUBMITTED


@pytest.mark.django_db
def test_late_submission_is_marked_late(world):  # noqa: F811
    import datetime

    campaign = world.campaign
    campaign.registration_deadline = datetime.date(2024, 8, 31)
    campaign.save()
    reg, u = world.registration_a, world.users
    _move(reg, "send_for_approval", u["officer_a"])
    reg = _move(reg, "approve", u["head_a"])
    assert reg.is_late is True


@pytest.mark.django_db
def test_stale_version_is_refused_and_names_the_other_change(world):  # noqa: F811
    item, officer = world.exemplar_a, world.users["officer_a"]
    first_version = item.version
    services.update_exemplar(exemplar=item, data={"position_title": "Bác sĩ"},
                             expected_version=first_version, acting_user=officer)
    with pytest.raises(StaleVersion) as excinfo:
        services.update_exemplar(exemplar=item, data={"position_title": "Y sĩ"},
                                 expected_version=first_version, acting_user=officer)
    assert excinfo.value.changes["changes"]["position_title"][1] == "Bác sĩ"
    item.refresh_from_db()
    assert item.position_title == "Bác sĩ"


@pytest.mark.django_db
def test_inputs_are_normalised_to_nfc_and_trimmed(world):  # noqa: F811
    decomposed = "  Đa\u0306\u0323ng\u00a0 Thi\u0323  Mai\u200b "
    item = services.add_exemplar(
        registration=world.registration_a, acting_user=world.users["officer_a"],
        data={"kind": "individual", "name": decomposed, "field_key": "e"},
    )
    assert item.name == "Đặng Thị Mai"
    assert item.folded_name == "dang thi mai"


@pytest.mark.django_db
def test_field_must_come_from_the_pack(world):  # noqa: F811
    with pytest.raises(DomainError) as excinfo:
        services.add_exemplar(registration=world.registration_a,
                              acting_user=world.users["officer_a"],
                              data={"kind": "individual", "name": "Lò Văn An", "field_key": "z"})
    assert excinfo.value.field == "field_key"
    with pytest.raises(DomainError):  # "c" is a heading with sub-fields c1–c3, not a choice
        services.add_exemplar(registration=world.registration_a,
                              acting_user=world.users["officer_a"],
                              data={"kind": "individual", "name": "Lò Văn An", "field_key": "c"})


@pytest.mark.django_db
def test_remove_renumbers_the_section(world):  # noqa: F811
    officer, reg = world.users["officer_a"], world.registration_a
    added = [services.add_exemplar(registration=reg, acting_user=officer,
                                   data={"kind": "collective", "name": n, "field_key": "e"})
             for n in ["Khoa Nội", "Khoa Nhi", "Khoa Sản"]]
    services.remove_exemplar(exemplar=added[0], expected_version=added[0].version,
                             acting_user=officer)
    rows = list(reg.exemplars.filter(kind="collective").order_by("position")
                .values_list("name", "position"))
    assert [name for name, _ in rows] == ["Khoa Nội", "Khoa Nhi", "Khoa Sản"]
    assert [position for _, position in rows] == [1, 2, 3]


@pytest.mark.django_db
def test_head_cannot_approve_below_quota_without_a_reason(world):  # noqa: F811
    reg, u = world.registration_b, world.users
    from accounts.models import Role
    from tests.factories import MembershipFactory

    head_b = MembershipFactory(unit=world.unit_b, role=Role.UNIT_HEAD).user
    _move(reg, "send_for_approval", u["officer_b"])
    with pytest.raises(DomainError) as excinfo:
        _move(reg, "approve", head_b)
    assert "Tập thể 0/1" in excinfo.value.message
    reg = _move(reg, "approve", head_b, reason="Xã mới thành lập, đang củng cố tổ chức")
    assert reg.state == RegistrationState.SUBMITTED
    assert reg.below_quota_reason == "Xã mới thành lập, đang củng cố tổ chức"


@pytest.mark.django_db
def test_move_entry_up_swaps_positions(world):  # noqa: F811
    officer, reg = world.users["officer_a"], world.registration_a
    first = services.add_exemplar(registration=reg, acting_user=officer,
                                  data={"kind": "model", "name": "Mô hình A", "field_key": "e"})
    second = services.add_exemplar(registration=reg, acting_user=officer,
                                   data={"kind": "model", "name": "Mô hình B", "field_key": "e"})
    services.move_exemplar(exemplar=second, offset=-1, acting_user=officer)
    names = list(reg.exemplars.filter(kind="model").order_by("position")
                 .values_list("name", flat=True))
    assert names == ["Mô hình B", "Mô hình A"]
    assert first.pk != second.pk
