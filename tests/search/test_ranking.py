"""Ranking: exact with diacritics, then folded, then prefix, then fuzzy — on either database."""

import pytest

from search.selectors import Tier, search


def names(hits):
    return [hit.name for hit in hits]


@pytest.mark.parametrize("query", ["dang thi mai", "Đặng Thị Mai", "DANG THI MAI",
                                   "Dặng Thi Mal", "ĐẶNG THỊ MAI", "dang  thi\u00a0mai",
                                   "Ddawngj Thij Mai", "Dang Thi Ma1", "dnag thi mai"])
def test_every_spelling_finds_đặng_thị_mai_first(province, query):
    hits = search(None, query)
    assert names(hits)[0] == "Đặng Thị Mai"


def test_exact_with_diacritics_outranks_folded_only(province):
    hits = search(None, "Đặng Thị Mải")
    assert names(hits)[:2] == ["Đặng Thị Mải", "Đặng Thị Mai"]
    assert hits[0].tier == Tier.EXACT
    assert hits[1].tier == Tier.FOLDED
    assert hits[0].score > hits[1].score


def test_folded_matches_order_by_agreement_with_typed_marks_then_vietnamese_order(province):
    hits = search(None, "dang thi mai", kinds=["exemplar"])
    assert names(hits) == ["Đặng Thị Mai", "Đặng Thị Mải", "Đặng Thị Mãi", "Đặng Thị Mại",
                           "Đặng Thị Mai Anh", "Đặng Thị Mây"]
    # Fewer than ``limit`` matched exactly, so the fuzzy tier added "Mây" (one letter away).
    assert [hit.tier for hit in hits] == [Tier.FOLDED] * 4 + [Tier.PREFIX, Tier.FUZZY]


def test_tone_placement_does_not_matter_for_exact_match(province):
    from search.index import reindex

    exemplar = province.by_name["Lò Văn Thắng"]
    exemplar.name = "Lò Thị Hòa"
    exemplar.save()
    reindex(exemplar)
    hit = search(None, "Lò Thị Hoà")[0]
    assert (hit.name, hit.tier) == ("Lò Thị Hòa", Tier.EXACT)


def test_given_name_alone_finds_people_with_it_in_list_order(province):
    hits = search(None, "Mai", kinds=["exemplar"])
    assert names(hits) == [
        "Đặng Thị Mai", "Đỗ Thị Mai", "Hoàng Thị Mai", "Đặng Văn Mai",  # exact: list order
        "Đặng Thị Mải", "Đặng Thị Mãi", "Đặng Thị Mại",  # folded
        "Đặng Thị Mai Anh",  # prefix
        "Đặng Thị Mây",  # fuzzy: one letter away
    ]
    assert hits[0].name_spans == ((9, 12),)


def test_prefix_while_typing(province):
    hits = search(None, "dang thi m", kinds=["exemplar"])
    assert {hit.tier for hit in hits} == {Tier.PREFIX}
    assert set(names(hits)) == {"Đặng Thị Mai", "Đặng Thị Mải", "Đặng Thị Mại", "Đặng Thị Mãi",
                                "Đặng Thị Mây", "Đặng Thị Mơ", "Đặng Thị Mai Anh"}
    # Shortest completion first, then Vietnamese order.
    assert names(hits)[:3] == ["Đặng Thị Mơ", "Đặng Thị Mai", "Đặng Thị Mải"]
    assert hits[1].name_spans == ((0, 10),)


def test_fuzzy_ranks_below_exact_and_prefix(province):
    hits = search(None, "Dặng Thi Mal")
    assert hits[0].tier == Tier.FUZZY
    assert hits[0].name_spans == ((0, len("Đặng Thị Mai")),)


def test_position_and_work_unit_are_searched(province):
    hits = search(None, "dieu duong", kinds=["exemplar"])
    assert len(hits) == 9
    assert hits[0].matched_label == "Chức vụ"
    assert hits[0].matched_spans == ((0, 10),)


def test_solution_summary_substring(province):
    hits = search(None, "tieu chuan vietgap")
    assert names(hits) == ["Mô hình trồng chè Shan tuyết"]
    hit = hits[0]
    assert hit.tier == Tier.TEXT
    marked = hit.matched_text[hit.matched_spans[0][0]:hit.matched_spans[0][1]]
    assert marked == "tiêu chuẩn VietGAP"


def test_nothing_for_empty_or_unknown(province):
    assert search(None, "   ") == []
    assert search(None, "xyzzyq") == []
    assert search(None, "dang thi mai", limit=0) == []


def test_limit_and_kinds(province):
    assert len(search(None, "dang", limit=3)) == 3
    assert {hit.kind for hit in search(None, "lai chau", kinds=["unit"])} == {"unit"}
