"""save_unit and link_successor: derived fields, validation, audit log."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from audit.models import Action, AuditEvent
from core.collation import sort_key
from orgs.models import EmulationBlock, SuccessionKind, Unit, UnitType
from orgs.services import link_successor, save_emulation_block, save_unit
from tests.factories import MembershipFactory, UnitFactory, UserFactory


@pytest.fixture
def officer(db):
    """A standing office officer: the one who keeps the list of units."""
    return MembershipFactory(user=UserFactory(full_name="Lò Thị Hương"),
                             role=Role.STANDING_OFFICE).user


def test_save_unit_creates_with_derived_fields_and_an_audit_event(officer):
    parent = UnitFactory(name="Sở Y tế tỉnh Lai Châu")
    unit = Unit(
        code="SYT-TTYT", name=unicodedata.normalize("NFD", "  Trung tâm  Y tế huyện Tam Đường "),
        unit_type=UnitType.SUBORDINATE, parent=parent,
    )
    save_unit(unit=unit, acting_user=officer, reason="Bổ sung đơn vị trực thuộc")
    unit.refresh_from_db()
    assert unit.name == "Trung tâm Y tế huyện Tam Đường"
    assert unit.folded_name == "trung tam y te huyen tam duong"
    assert bytes(unit.sort_key) == sort_key("Trung tâm Y tế huyện Tam Đường")
    assert unit.tree_path == f"{parent.tree_path}{unit.pk}/"
    event = AuditEvent.objects.get(object_id=str(unit.pk))
    assert (event.action, event.actor, event.reason) == (
        Action.CREATE, officer, "Bổ sung đơn vị trực thuộc",
    )
    assert event.changes["name"] == [None, "Trung tâm Y tế huyện Tam Đường"]
    assert event.changes["parent"] == [None, "Sở Y tế tỉnh Lai Châu"]


def test_save_unit_update_records_before_and_after(officer):
    unit = UnitFactory(name="Sở Tư pháp tỉnh Lai Châu", address="")
    unit.address = "Đường 19/8, phường Tân Phong"
    unit.short_name = "Sở TP"
    save_unit(unit=unit, acting_user=officer, reason="Cập nhật địa chỉ")
    event = AuditEvent.objects.get(object_id=str(unit.pk))
    assert event.action == Action.UPDATE
    assert event.changes == {
        "address": ["", "Đường 19/8, phường Tân Phong"],
        "short_name": ["", "Sở TP"],
    }


def test_save_unit_without_changes_writes_no_event(officer):
    unit = UnitFactory()
    save_unit(unit=unit, acting_user=officer)
    assert not AuditEvent.objects.exists()


def test_moving_a_unit_moves_its_descendants(officer):
    old_parent, new_parent = UnitFactory(), UnitFactory()
    unit = UnitFactory(parent=old_parent)
    child = UnitFactory(parent=unit, unit_type=UnitType.SUBORDINATE)
    grandchild = UnitFactory(parent=child, unit_type=UnitType.SUBORDINATE)
    unit.parent = new_parent
    save_unit(unit=unit, acting_user=officer)
    grandchild.refresh_from_db()
    assert grandchild.tree_path == f"/{new_parent.pk}/{unit.pk}/{child.pk}/{grandchild.pk}/"


def test_a_unit_cannot_move_under_its_own_descendant(officer):
    unit = UnitFactory()
    child = UnitFactory(parent=unit)
    unit.parent = child
    with pytest.raises(ValidationError) as error:
        save_unit(unit=unit, acting_user=officer)
    assert "parent" in error.value.message_dict
    assert not AuditEvent.objects.exists()


def test_a_unit_must_live_within_its_parents_validity(officer):
    commune = UnitFactory(unit_type=UnitType.COMMUNE, valid_from=datetime.date(2025, 7, 1))
    school = Unit(code="TH-01", name="Trường Tiểu học Số 1", unit_type=UnitType.SUBORDINATE,
                  parent=commune, valid_from=datetime.date(2020, 9, 5))
    with pytest.raises(ValidationError) as error:
        save_unit(unit=school, acting_user=officer)
    assert "01/07/2025" in error.value.message_dict["parent"][0]


def test_link_successor_creates_once_and_is_audited(officer):
    old = UnitFactory(valid_to=datetime.date(2025, 2, 28))
    new = UnitFactory(valid_from=datetime.date(2025, 3, 1))
    arguments = {
        "predecessor": old, "successor": new, "kind": SuccessionKind.MERGED,
        "effective_on": datetime.date(2025, 3, 1), "legal_basis": "Nghị định số 45/2025/NĐ-CP",
        "acting_user": officer,
    }
    link = link_successor(**arguments)
    link_successor(**arguments)
    assert old.successions.get() == link
    event = AuditEvent.objects.get()
    assert (event.action, event.unit) == (Action.CREATE, old)
    assert event.changes["kind"] == [None, "merged"]


def test_link_successor_refuses_a_successor_not_yet_in_force(officer):
    old = UnitFactory(valid_to=datetime.date(2025, 6, 30))
    new = UnitFactory(valid_from=datetime.date(2025, 7, 1))
    with pytest.raises(ValidationError):
        link_successor(predecessor=old, successor=new, kind=SuccessionKind.MERGED,
                       effective_on=datetime.date(2025, 6, 1), acting_user=officer)


def test_save_emulation_block_computes_sort_key_and_audits(officer):
    block = EmulationBlock(code="KYT", name=" Khối   y tế ")
    save_emulation_block(block=block, acting_user=officer)
    block.refresh_from_db()
    assert (block.name, bytes(block.sort_key)) == ("Khối y tế", sort_key("Khối y tế"))
    assert AuditEvent.objects.get().action == Action.CREATE
