"""One resolver for a unit's name as people write it, on the real reference data."""

import datetime

import pytest

from orgs.models import Unit
from orgs.selectors import resolve_unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 15)


def _name(text: str) -> str | None:
    found = resolve_unit(text, on=TODAY).unit
    return found.name if found else None


@pytest.mark.parametrize(("text", "name"), [
    ("SYT", "Sở Y tế tỉnh Lai Châu"),                            # code
    ("syt", "Sở Y tế tỉnh Lai Châu"),
    ("Sở Y tế tỉnh Lai Châu", "Sở Y tế tỉnh Lai Châu"),          # exact name
    ("SỞ Y TẾ TỈNH LAI CHÂU", "Sở Y tế tỉnh Lai Châu"),
    ("Sở Y tế", "Sở Y tế tỉnh Lai Châu"),                        # without the province suffix
    ("so y te", "Sở Y tế tỉnh Lai Châu"),
    ("Sở Y tế tỉnh", "Sở Y tế tỉnh Lai Châu"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),        # abbreviations
    ("SỞ GDĐT", "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),
    ("Sở GD-ĐT tỉnh Lai Châu", "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),
    ("UBND tỉnh Lai Châu", "Ủy ban nhân dân tỉnh Lai Châu"),
    ("UBND TỈNH", "Ủy ban nhân dân tỉnh Lai Châu"),
    ("UBND xã Bình Lư", "Xã Bình Lư"),
    ("ỦY BAN NHÂN DÂN XÃ BÌNH LƯ", "Xã Bình Lư"),
    ("xa binh lu", "Xã Bình Lư"),
    ("PHƯỜNG ĐOÀN KẾT", "Phường Đoàn Kết"),
    ("Ủy ban MTTQ Việt Nam tỉnh Lai Châu", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu"),
    ("Sở Văn hóa Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"),
    ("Sở YT", "Sở Y tế tỉnh Lai Châu"),                          # short name
    # the short name of a former unit → the unit it was merged into
    ("Đài PT-TH tỉnh", "Báo và Phát thanh, Truyền hình Lai Châu"),
])
def test_names_as_people_write_them(loaded, text, name):
    assert _name(text) == name


def test_former_names_lead_to_the_successor(loaded):
    # Thị trấn Tam Đường became part of Xã Bình Lư on 01/07/2025.
    found = resolve_unit("TT. Tam Đường", on=TODAY)
    assert (found.unit.name, found.former.name) == ("Xã Bình Lư", "Thị trấn Tam Đường")
    assert _name("Thị trấn Tam Đường") == "Xã Bình Lư"
    # Sở Lao động - Thương binh và Xã hội was merged into Sở Nội vụ on 01/03/2025.
    assert _name("Sở Lao động - Thương binh và Xã hội") == "Sở Nội vụ tỉnh Lai Châu"
    # On a day before the reform the former unit is itself the answer.
    found = resolve_unit("Thị trấn Tam Đường", on=datetime.date(2024, 5, 1))
    assert (found.unit.name, found.former) == ("Thị trấn Tam Đường", None)


def test_a_renamed_unit_is_found_by_its_former_name(db):
    from orgs.models import SuccessionKind, UnitSuccession

    old = UnitFactory(name="Trường Tiểu học Số 1 Nậm Tình", code="TH1",
                      valid_to=datetime.date(2025, 8, 31))
    new = UnitFactory(name="Trường Tiểu học Nậm Tình", code="TH1N",
                      valid_from=datetime.date(2025, 9, 1))
    UnitSuccession.objects.create(predecessor=old, successor=new, kind=SuccessionKind.RENAMED,
                                  effective_on=datetime.date(2025, 9, 1))
    assert _name("trường tiểu học số 1 nậm tình") == "Trường Tiểu học Nậm Tình"


def test_ambiguous_text_lists_the_candidates_instead_of_guessing(loaded):
    # Thành phố Lai Châu was dissolved into several wards.
    found = resolve_unit("TP. Lai Châu", on=TODAY)
    assert found.unit is None and found.ambiguous
    assert {u.name for u in found.candidates} >= {"Phường Đoàn Kết", "Phường Tân Phong"}
    assert "ứng với nhiều đơn vị" in found.message() and "Phường Tân Phong" in found.message()
    UnitFactory(name="Trạm Y tế xã Nậm Tình")
    UnitFactory(name="Trạm Y tế Xã Nậm Tình ")  # the same name twice: no guessing
    assert resolve_unit("Trạm Y tế xã Nậm Tình", on=TODAY).ambiguous


def test_nothing_found_says_so_and_the_last_word_of_a_name_is_kept(loaded):
    assert resolve_unit("Sở Thiên văn", on=TODAY).message() == (
        "Không tìm thấy đơn vị “Sở Thiên văn”.")
    UnitFactory(name="Xã Nậm Tình")
    assert _name("Xã Nậm") is None  # "tình" is part of the name, not the province suffix
    assert _name("Xã Nậm Tình") == "Xã Nậm Tình"
    assert _name("") is None


def test_the_same_units_as_the_database_holds(loaded):
    # Every current unit is found by its own name and by its code (when the code is unique
    # among current units).
    current = list(Unit.objects.valid_on(TODAY))
    codes = [u.code for u in current]
    for unit in current:
        assert resolve_unit(unit.name, on=TODAY).unit == unit, unit.name
        if codes.count(unit.code) == 1:
            assert resolve_unit(unit.code, on=TODAY).unit == unit, unit.code
