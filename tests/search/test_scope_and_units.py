"""Who sees what, and units found by their current and former names, codes and short names."""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.models import KeyField
from search.selectors import Tier, search


def names(hits):
    return [hit.name for hit in hits]


def test_officer_of_unit_a_does_not_see_unit_b_exemplars(province):
    everyone_sees = names(search(None, "Đặng Thị Mãi", kinds=["exemplar"]))
    officer_sees = names(search(province.officer_a, "Đặng Thị Mãi", kinds=["exemplar"]))
    assert "Đặng Thị Mãi" in everyone_sees  # registered by unit B
    assert "Đặng Thị Mãi" not in officer_sees
    assert officer_sees[0] == "Đặng Thị Mai"  # registered by unit A
    assert {hit.unit for hit in search(province.officer_a, "dang")} <= {
        "Sở Y tế tỉnh Lai Châu", None}


def test_officer_finds_only_units_in_their_subtree(province):
    assert names(search(province.officer_a, "Ủy ban nhân dân", kinds=["unit"])) == []
    assert names(search(province.officer_a, "SYT", kinds=["unit"])) == ["Sở Y tế tỉnh Lai Châu"]
    assert search(province.officer_a, "Lò Văn Thắng") == []


def test_standing_office_and_command_view_see_the_whole_province(province):
    assert names(search(province.standing, "Lò Văn Thắng")) == ["Lò Văn Thắng"]
    assert names(search(None, "Lò Văn Thắng")) == ["Lò Văn Thắng"]


def test_anonymous_sees_nothing(province):
    assert search(AnonymousUser(), "Đặng Thị Mai") == []


def test_former_name_finds_the_old_unit_then_its_successor(province):
    hits = search(None, "quyet tien", kinds=["unit"])
    assert names(hits) == ["Phường Quyết Tiến", "Phường Đoàn Kết"]
    old, successor = hits
    assert old.name_spans == ((7, 17),)
    assert (successor.matched_field, successor.matched_text) == (
        KeyField.FORMER_NAME, "Phường Quyết Tiến")
    assert successor.matched_label == "Tên cũ, đơn vị tiền thân"
    assert successor.matched_spans == ((7, 17),)


def test_code_reused_across_reforms_finds_both_units(province):
    hits = search(None, "03388")
    assert sorted(names(hits)) == ["Phường Quyết Tiến", "Phường Đoàn Kết"]
    assert {hit.tier for hit in hits} == {Tier.EXACT}


def test_unit_hit_shows_its_parent_and_links_to_its_page(province):
    hit = search(None, "Sở Y tế tỉnh Lai Châu", kinds=["unit"])[0]
    assert (hit.kind, hit.id) == ("unit", province.unit_a.pk)
    assert hit.unit == "Ủy ban nhân dân tỉnh Lai Châu"
    assert hit.url == f"/don-vi/{province.unit_a.pk}/"
    assert hit.badge == "Cơ quan, đơn vị"


@pytest.mark.parametrize(("query", "expected"), [
    ("so y te", "Sở Y tế tỉnh Lai Châu"),
    ("ban giang", "Ủy ban nhân dân xã Bản Giang"),  # a word tail of the name
    ("Ủy ban nhân dân xã Bản", "Ủy ban nhân dân xã Bản Giang"),
])
def test_unit_names_by_words_and_prefix(province, query, expected):
    assert names(search(None, query, kinds=["unit"]))[0] == expected
