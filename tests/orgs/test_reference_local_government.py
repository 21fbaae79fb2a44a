"""Districts and communes before and after 01/07/2025, and the links between them."""

import datetime
from collections import Counter

import pytest

from orgs.models import SuccessionKind, Unit, UnitType
from orgs.reference.files import read_new_communes, read_variants
from orgs.reference.matching import name_key
from orgs.selectors import current_successors
from tests.orgs.conftest import LAST_OLD_DAY, REFORM_DAY


def names(units) -> list[str]:
    return [u.name for u in units]


def test_first_load_creates_every_reference_row(loaded):
    assert loaded == {
        "blocks_created": 8, "units_created": 202, "units_updated": 0,
        "successions_created": 163, "successions_updated": 0,
    }


def test_eight_former_districts_end_on_30_june_2025(loaded):
    districts = Unit.objects.filter(unit_type=UnitType.DISTRICT)
    assert sorted(districts.values_list("code", flat=True)) == [str(c) for c in range(105, 113)]
    assert set(districts.values_list("valid_to", flat=True)) == {LAST_OLD_DAY}
    assert set(districts.values_list("parent__code", flat=True)) == {"UBND-12"}
    assert Unit.objects.get(code="105").name == "Thành phố Lai Châu"
    assert Unit.objects.get(code="112").name == "Huyện Nậm Nhùn"


def test_106_former_communes_94_xa_5_phuong_7_thi_tran(loaded):
    former = Unit.objects.filter(unit_type=UnitType.COMMUNE, valid_from__lt=REFORM_DAY)
    assert Counter(former.values_list("category", flat=True)) == {
        "xã": 94, "phường": 5, "thị trấn": 7,
    }
    assert set(former.values_list("valid_to", flat=True)) == {LAST_OLD_DAY}
    assert set(former.values_list("parent__unit_type", flat=True)) == {UnitType.DISTRICT}


def test_38_communes_from_1_july_2025_36_xa_2_phuong(loaded):
    current = Unit.objects.filter(unit_type=UnitType.COMMUNE).valid_on(REFORM_DAY)
    assert Counter(current.values_list("category", flat=True)) == {"xã": 36, "phường": 2}
    assert set(current.values_list("valid_from", flat=True)) == {REFORM_DAY}
    assert set(current.values_list("valid_to", flat=True)) == {None}
    assert set(current.values_list("parent__code", flat=True)) == {"UBND-12"}
    assert Unit.objects.filter(unit_type=UnitType.COMMUNE).valid_on(LAST_OLD_DAY).count() == 106


def test_code_03388_is_two_units_with_different_names_and_validity(loaded):
    rows = Unit.objects.filter(code="03388").order_by("valid_from")
    assert [(u.name, u.valid_from, u.valid_to) for u in rows] == [
        ("Phường Quyết Tiến", datetime.date(2004, 1, 1), LAST_OLD_DAY),
        ("Phường Đoàn Kết", REFORM_DAY, None),
    ]


def test_every_former_commune_has_a_successor_valid_from_the_reform(loaded):
    former = Unit.objects.filter(unit_type=UnitType.COMMUNE, valid_to=LAST_OLD_DAY)
    assert not former.filter(successions__isnull=True).exists()
    kinds = set(former.values_list("successions__kind", flat=True))
    assert kinds == {SuccessionKind.MERGED}
    successor_days = set(former.values_list("successions__successor__valid_from", flat=True))
    assert successor_days == {REFORM_DAY}


@pytest.mark.parametrize(("old_name", "district", "new_name"), [
    ("Phường Quyết Tiến", "105", "Phường Đoàn Kết"),
    ("Phường Đoàn Kết", "105", "Phường Đoàn Kết"),
    ("Thị trấn Tam Đường", "106", "Xã Bình Lư"),
    ("Xã Mường Than", "110", "Xã Than Uyên"),  # the name lives on in another new commune
    ("Xã Lản Nhì Thàng", "109", "Phường Đoàn Kết"),  # "Lả Nhì Thàng" in the resolution
    ("Xã Hua Bum", "112", "Xã Hua Bum"),  # "Hua Bun" in the resolution
    ("Xã Pa Khóa", "108", "Xã Pu Sam Cáp"),  # "Pa Khoá"
    ("Xã Ta Gia", "110", "Xã Khoen On"),  # "Tà Gia"
    ("Xã Chăn Nưa", "108", "Xã Lê Lợi"),  # across former districts
    ("Xã Mù Cả", "107", "Xã Mù Cả"),  # "(giữ nguyên)"
])
def test_current_successor_of_a_former_commune(loaded, old_name, district, new_name):
    old = Unit.objects.get(name=old_name, parent__code=district, valid_to=LAST_OLD_DAY)
    assert names(current_successors(old)) == [new_name]


@pytest.mark.parametrize(("code", "expected"), [
    ("105", {"Phường Đoàn Kết", "Phường Tân Phong"}),
    ("106", {"Phường Tân Phong", "Xã Bình Lư", "Xã Sin Suối Hồ", "Xã Tả Lèng", "Xã Bản Bo",
             "Xã Khun Há"}),
    ("112", {"Xã Nậm Hàng", "Xã Hua Bum", "Xã Mường Mô", "Xã Pa Tần", "Xã Lê Lợi"}),
    ("111", {"Xã Tân Uyên", "Xã Mường Khoa", "Xã Nậm Sỏ", "Xã Pắc Ta"}),
])
def test_former_district_is_dissolved_into_its_communes(loaded, code, expected):
    district = Unit.objects.get(code=code, unit_type=UnitType.DISTRICT)
    assert set(names(current_successors(district))) == expected
    assert set(district.successions.values_list("kind", flat=True)) == {SuccessionKind.DISSOLVED}


def test_district_links_cover_all_38_communes(loaded):
    districts = Unit.objects.filter(unit_type=UnitType.DISTRICT)
    assert districts.filter(successions__isnull=False).count() == 44  # six communes straddle two
    successors = set(districts.values_list("successions__successor__code", flat=True))
    assert len(successors) == 38


def test_code_previously_of_matches_the_former_unit_with_that_code(loaded):
    aliases = {name_key(v.name_in_resolution): name_key(v.name_in_register)
               for v in read_variants()}
    for new in read_new_communes():
        old = Unit.objects.get(code=new.code, valid_to=LAST_OLD_DAY)
        written = name_key(new.code_previously_of)
        assert aliases.get(written, written) == name_key(old.name), new.code
