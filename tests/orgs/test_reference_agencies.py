"""Provincial agencies before and after the 2025 merger, subordinate units and blocks."""

import datetime

import pytest

from accounts.models import Role
from orgs.models import Unit, UnitType
from orgs.selectors import current_successors, units_visible_to
from tests.factories import MembershipFactory
from tests.orgs.conftest import MERGER_DAY

BEFORE_MERGER = datetime.date(2025, 2, 1)


@pytest.mark.parametrize(("old_code", "new_name"), [
    ("SNV", "Sở Nội vụ tỉnh Lai Châu"),
    ("SLDTBXH", "Sở Nội vụ tỉnh Lai Châu"),
    ("SKHDT", "Sở Tài chính tỉnh Lai Châu"),
    ("SGTVT", "Sở Xây dựng tỉnh Lai Châu"),
    ("STNMT", "Sở Nông nghiệp và Môi trường tỉnh Lai Châu"),
    ("SNNPTNT", "Sở Nông nghiệp và Môi trường tỉnh Lai Châu"),
    ("STTTT", "Sở Khoa học và Công nghệ tỉnh Lai Châu"),
    ("BDT", "Sở Dân tộc và Tôn giáo tỉnh Lai Châu"),
    ("BLC", "Báo và Phát thanh, Truyền hình Lai Châu"),
    ("DPTTH", "Báo và Phát thanh, Truyền hình Lai Châu"),
])
def test_agency_merged_in_2025_shows_its_successor(loaded, old_code, new_name):
    old = Unit.objects.valid_on(BEFORE_MERGER).get(code=old_code)
    successors = current_successors(old)
    assert [u.name for u in successors] == [new_name]
    assert successors[0].pk != old.pk
    assert successors[0].valid_from >= MERGER_DAY


def test_so_noi_vu_is_two_rows_and_the_new_one_has_two_predecessors(loaded):
    old, new = Unit.objects.filter(code="SNV").order_by("valid_from")
    assert (old.valid_to, new.valid_from, new.valid_to) == (
        datetime.date(2025, 2, 28), MERGER_DAY, None,
    )
    predecessors = set(new.predecessions.values_list("predecessor__code", flat=True))
    assert predecessors == {"SNV", "SLDTBXH"}


def test_unchanged_agencies_stay_one_row(loaded):
    for code in ("SYT", "SGDDT", "STP", "SCT", "SVHTTDL", "VPUBND", "SNGV"):
        assert Unit.objects.filter(code=code).count() == 1
        assert Unit.objects.get(code=code).valid_to is None


def test_every_current_provincial_unit_has_a_short_name_and_a_block(loaded):
    provincial = Unit.objects.current().filter(unit_type__in=[
        UnitType.AGENCY, UnitType.MASS_ORGANISATION, UnitType.ARMED_FORCES,
        UnitType.ENTERPRISE, UnitType.COOPERATIVE,
    ])
    assert provincial.count() == 30
    assert not provincial.filter(short_name="").exists()
    assert not provincial.filter(emulation_block__isnull=True).exists()
    assert Unit.objects.get(code="MTTQ").emulation_block.name == "Khối các đoàn thể"


def test_subordinate_unit_tree_path(loaded):
    root = Unit.objects.get(code="UBND-12")
    health = Unit.objects.get(code="SYT")
    hospital = Unit.objects.get(code="SYT-BVDK")
    assert hospital.tree_path == f"/{root.pk}/{health.pk}/{hospital.pk}/"
    school = Unit.objects.get(code="03390-TH")
    assert school.parent.name == "Xã Bình Lư"
    assert school.tree_path == f"/{root.pk}/{school.parent.pk}/{school.pk}/"


def test_parent_unit_staff_see_their_subordinate_units(loaded):
    health = Unit.objects.get(code="SYT")
    membership = MembershipFactory(unit=health, role=Role.UNIT_OFFICER)
    visible = set(units_visible_to(membership.user).values_list("code", flat=True))
    assert visible == {"SYT", "SYT-BVDK", "SYT-CDC"}


def test_every_loaded_unit_passes_model_validation(loaded):
    for unit in Unit.objects.select_related("parent"):
        unit.full_clean()
