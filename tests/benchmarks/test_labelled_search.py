"""The labelled search set: built deterministically from the generated data, every query with
the name its first hit must have; accuracy and MRR computed from real searches."""

import pytest

from benchmarks import generator as gen
from benchmarks import labelled
from benchmarks.sizes import DatasetSize
from guidance.loading import ensure_reference_campaign
from search.index import rebuild
from search.selectors import search
from search.wording import load_abbreviations

SIZE = DatasetSize(provinces=1, units=200, exemplars=1500, seed=11)


@pytest.fixture
def generated(db):
    gen.generate(SIZE, ensure_reference_campaign())
    load_abbreviations()
    rebuild()


def test_the_labelled_set_is_deterministic_and_finds_first_hits(generated):
    items = labelled.labelled_queries()
    assert items == labelled.labelled_queries()
    kinds = {item.how for item in items}
    assert {"person: middle name left out", "person: OCR slip", "unit: abbreviation",
            "unit: huyện/tỉnh/xã left out"} <= kinds
    assert len(items) >= 60
    score, times = labelled.evaluate(items, search)
    assert len(times) == len(items)
    assert score.accuracy >= 0.95, labelled.summary(score)
    assert 0.95 <= score.mrr <= 1.0
    lines = labelled.summary(score)
    assert lines[0].startswith(f"search: labelled set — {len(items)} queries, first-hit accuracy")


def test_a_middle_name_query_is_left_out_when_two_middle_names_give_it(db):
    chosen = labelled._people(["Nguyễn Văn Hùng", "Nguyễn Đức Hùng"],
                              unambiguous=lambda family, given: False)
    assert all("middle name" not in item.how for item in chosen)


def test_writings_of_one_name():
    assert labelled._ocr_slip("Sìn Hồ") == "Sìn H6"
    assert labelled._ocr_slip("Lò Văn Hùng") == "L0 Văn Hùng"
    assert labelled._swapped("Lò Văn Hùng") == "Lò Văn hnug"
    assert labelled._units(["Trạm Y tế xã Tả Pa"]) == [
        labelled.Labelled("tram y te xa ta pa", "unit", "Trạm Y tế xã Tả Pa",
                          "unit: no diacritics"),
        labelled.Labelled("tram y te ta pa", "unit", "Trạm Y tế xã Tả Pa",
                          "unit: huyện/tỉnh/xã left out"),
        labelled.Labelled("TYT xã Tả Pa", "unit", "Trạm Y tế xã Tả Pa", "unit: abbreviation"),
        labelled.Labelled("tyt ta pa", "unit", "Trạm Y tế xã Tả Pa",
                          "unit: abbreviation and a word left out"),
    ]
