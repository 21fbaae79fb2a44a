"""The word-level corrections of the fuzzy tier, and parity with pg_trgm."""

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from search import fuzzy
from search.analysis import parse_query, tails, words

PAIRS = [("mai", "mal"), ("nguyen", "nguyne"), ("dang", "hoang"), ("thang", "thnag"),
         ("an", "anh"), ("pao", "pao"), ("a", "b"), ("truong thcs so 1", "truong thcs so")]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_similarity_is_pg_trgm_similarity(a, b, db):
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [a, b])
        expected = cursor.fetchone()[0]
    assert fuzzy.similarity(a, b) == pytest.approx(expected, abs=1e-6)


def test_similarity_values():
    assert fuzzy.similarity("mai", "mai") == 1.0
    assert fuzzy.similarity("mai", "mal") == pytest.approx(2 / 6)
    assert fuzzy.similarity("", "mai") == 0.0


letters = st.text(alphabet="abcdghiklmnopqrstuvxy", min_size=1, max_size=12)


@given(letters, letters)
def test_gram_bounds_never_drop_a_similar_word(a, b):
    low, high = fuzzy.gram_bounds(a)
    if fuzzy.similarity(a, b) >= fuzzy.TRIGRAM_THRESHOLD:
        assert low <= len(fuzzy.trigrams(b)) <= high


@pytest.mark.parametrize(("typed", "meant"), [
    ("ddawngj", "dang"), ("thij", "thi"), ("nguyeenx", "nguyen"), ("nguwowif", "nguoi"),
    ("xax", "xa"), ("thuowngf", "thuong"), ("mai", "mai"),
])
def test_telex(typed, meant):
    assert fuzzy.telex(typed) == meant


def test_edits1():
    variants = fuzzy.edits1("mai")
    assert {"ma", "mia", "mal", "mait"} <= variants
    assert "mai" not in variants


def test_alternatives_rank_ocr_above_trigram_and_keep_the_word():
    candidates = [fuzzy.Candidate("mai", "mai"), fuzzy.Candidate("may", "may"),
                  fuzzy.Candidate("mao", "mao")]
    ranked = fuzzy.alternatives(fuzzy.Probe.of("mal"), candidates)
    assert ranked[0] == ("mal", 1.0)
    assert ranked[1] == ("mai", fuzzy.SCORE_OCR)
    assert {term for term, _ in ranked} == {"mal", "mai", "may", "mao"}


def test_phrases_best_first_and_bounded():
    choices = [[("dang", 1.0)], [("thi", 1.0), ("thu", 0.8)], [("mal", 1.0), ("mai", 0.9)]]
    found = fuzzy.phrases(choices)
    assert found[0] == ("dang thi mal", 1.0)
    assert found[1] == ("dang thi mai", pytest.approx(2.9 / 3))
    assert len(found) == 4
    many = [[(f"w{i}", 1.0 - i / 10) for i in range(6)]] * 5
    assert len(fuzzy.phrases(many)) == fuzzy.MAX_PHRASES


def test_query_words_and_tails():
    query = parse_query("  Đặng  Thị\u00a0Mai, ")
    assert query.key == "dang thi mai"
    assert query.exact == "đặng thị mai"
    assert [(t.start, t.key, t.exact) for t in tails(words("Đặng Thị Mai"))] == [
        (0, "dang thi mai", "đặng thị mai"), (1, "thi mai", "thị mai"), (2, "mai", "mai")]
    assert [t.key for t in tails(words("Trường THCS số 1 - Bản Giang"), all_words=False)] == [
        "truong thcs so 1 ban giang"]
