import datetime

import pytest

from core.errors import DomainError, NotAllowed
from evaluation import lists
from evaluation import models as m
from tests.evaluation_lists.helpers import (
    par_2024_docx,
    par_2024_xlsx,
    satisfaction_2025_xlsx,
    unit,
)
from tests.factories import UserFactory


def test_the_2024_par_list_resolves_the_departments_as_they_stood_before_the_merger(standing):
    preview = lists.preview_list(filename="par-2024.xlsx", data=par_2024_xlsx(),
                                 kind="par_index", year=2024, acting_user=standing)
    assert preview.ok, preview.as_json()
    assert preview.as_of == datetime.date(2024, 12, 31)
    assert preview.value_header == "Chỉ số (%)"  # the percentage, not the points
    got = {r.text: (r.unit.code, r.value, r.unit.valid_to) for r in preview.matched}
    assert got == {
        "Sở Tư pháp": ("STP", 91.2, None),
        "Sở Lao động - Thương binh và Xã hội": ("SLDTBXH", 86.05, datetime.date(2025, 2, 28)),
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ": ("SKHDT", 84.5, datetime.date(2025, 2, 28)),
        "Sở GD&ĐT": ("SGDDT", 82.4, None),
        "Sở Y tế tỉnh Lai Châu": ("SYT", 81.75, None),
    }


def test_a_word_table_reads_as_the_excel_sheet(standing):
    preview = lists.preview_list(filename="par-2024.docx", data=par_2024_docx(),
                                 kind="par_index", year=2024, acting_user=standing)
    assert [(r.unit.code, r.value) for r in preview.matched] == [
        ("STP", 91.2), ("SLDTBXH", 86.05), ("SKHDT", 84.5), ("SGDDT", 82.4), ("SYT", 81.75)]


def test_the_2025_commune_list_reads_the_new_communes_and_leaves_the_unknown_one_open(standing):
    preview = lists.preview_list(filename="sipas-2025.xlsx", data=satisfaction_2025_xlsx(),
                                 kind="satisfaction", year=2025, acting_user=standing)
    assert not preview.ok
    assert [(r.row, r.unit.code, r.value) for r in preview.matched] == [
        (3, "03390", 96.3), (4, "03408", 95.8), (5, "03388", 97.12)]  # row 1: title, 2: header
    [open_row] = preview.unmatched
    assert (open_row.row, open_row.text, open_row.unit) == (6, "UBND xã Bình Lưu", None)
    assert "03390" in [c.code for c in open_row.candidates]  # Xã Bình Lư offered, not chosen
    answer = preview.as_json()
    assert answer["unmatched"][0]["row"] == 6 and answer["unmatched"][0]["text"] == (
        "UBND xã Bình Lưu")


def test_a_pick_resolves_an_unmatched_row_to_a_unit_of_that_day_in_scope_only(standing):
    picked = unit("03394").pk  # Xã Sin Suối Hồ, a real commune the user chose
    preview = lists.preview_list(filename="s.xlsx", data=satisfaction_2025_xlsx(
        [(1, "UBND xã Bình Lưu", "94,00")]), kind="satisfaction", year=2025,
        acting_user=standing, picks={3: picked})
    assert preview.ok and preview.matched[0].unit.code == "03394" and preview.matched[0].picked
    ended = unit("03389", current=False).pk  # Phường Đoàn Kết before 2025: not a unit of 2025
    preview = lists.preview_list(filename="s.xlsx", data=satisfaction_2025_xlsx(
        [(1, "UBND xã Bình Lưu", "94,00")]), kind="satisfaction", year=2025,
        acting_user=standing, picks={3: ended})
    assert not preview.ok and preview.rows[0].unit is None


def test_bad_values_and_repeated_units_are_errors_of_their_rows(standing):
    preview = lists.preview_list(filename="s.xlsx", data=satisfaction_2025_xlsx([
        (1, "UBND xã Bình Lư", "103"), (2, "Xã Bình Lư", "96"), (3, "Phường Tân Phong", "abc"),
        (4, "Phường Đoàn Kết", "97")]), kind="satisfaction", year=2025, acting_user=standing)
    assert [(r.row, bool(r.errors)) for r in preview.rows] == [
        (3, True), (4, False), (5, True), (6, False)]
    assert "không phải tỷ lệ phần trăm" in preview.rows[0].errors[0]
    preview = lists.preview_list(filename="s.xlsx", data=satisfaction_2025_xlsx([
        (1, "UBND xã Bình Lư", "96"), (2, "Xã Bình Lư", "95")]), kind="satisfaction",
        year=2025, acting_user=standing)
    assert preview.rows[1].errors == ["Đơn vị này đã có ở dòng 3."]


def test_the_wrong_kind_of_file_or_list_is_refused_with_a_message(standing):
    with pytest.raises(DomainError, match="hàng tiêu đề"):
        lists.preview_list(filename="par.xlsx", data=par_2024_xlsx(), kind="collective_ratings",
                           year=2024, acting_user=standing)
    with pytest.raises(DomainError):
        lists.preview_list(filename="par.xlsx", data=b"not a zip", kind="par_index",
                           year=2024, acting_user=standing)
    with pytest.raises(DomainError, match="Loại danh sách"):
        lists.preview_list(filename="par.xlsx", data=par_2024_xlsx(), kind="nope",
                           year=2024, acting_user=standing)


def test_only_the_standing_office_previews_a_list(province):
    with pytest.raises(NotAllowed):
        lists.preview_list(filename="par.xlsx", data=par_2024_xlsx(), kind="par_index",
                           year=2024, acting_user=UserFactory())
    assert not m.PublishedList.objects.exists()
