"""The vocabulary in memory (search.vocabulary): the same candidates the database gave, fresh
after every write, and the phrase tier completing a last word with whole words."""

import pytest
from django.db import connection

from search import fuzzy, vocabulary
from search.index import reindex
from search.models import SearchTerm
from search.selectors import MAX_COMPLETIONS, search
from tests.factories import ExemplarFactory

WORDS = ["dang", "dan", "mai", "mao", "hung", "hoang", "nguyen", "phong", "sin", "sinh", "sing",
         "thi", "van", "ho", "hoa", "hoat"]


def _built(words=WORDS, texts=()):
    from core.text import ocr_skeleton

    rows = [(w, ocr_skeleton(w), True) for w in words]
    rows += [(w, ocr_skeleton(w), False) for w in texts]
    return vocabulary.Vocabulary.build(rows)


@pytest.mark.parametrize("typed", ["dnag", "mal", "hugn", "nguyeen", "pohng", "s1nh", "hoangg"])
def test_candidates_hold_every_word_the_typo_score_accepts(typed):
    built = _built()
    probe = fuzzy.Probe.of(typed)
    found = {c.term for c in built.candidates([probe])}
    accepted = {w for w in WORDS
                if fuzzy.score(probe, fuzzy.Candidate(w, built.ocr_of[w])) > 0}
    assert accepted, typed  # the case means something
    assert accepted <= found


def test_words_only_in_free_text_are_never_typo_corrections():
    built = _built(texts=["hoach"])
    probe = fuzzy.Probe.of("hoachh")
    assert "hoach" not in {c.term for c in built.candidates([probe])}
    assert built.completions("hoac", 10) == ["hoach"]


def test_completions_are_the_words_a_prefix_begins_or_none_when_too_many():
    built = _built()
    assert built.completions("sin", 10) == ["sin", "sing", "sinh"]
    assert built.completions("hoa", 10) == ["hoa", "hoang", "hoat"]
    assert built.completions("zz", 10) == []
    assert built.completions("h", 3) is None


def test_a_word_added_after_the_vocabulary_was_read_is_corrected_to(province):
    registration = province.by_name["Đặng Thị Mai"].registration
    assert search(None, "Sùng Thị Dợ") == []  # the vocabulary is read now
    reindex(ExemplarFactory(registration=registration, name="Sùng Thị Dợ"))
    # "Sugn": the new word "sung", two letters swapped — only the fresh vocabulary knows it.
    assert [h.name for h in search(None, "Sugn Thi Do")] == ["Sùng Thị Dợ"]


def test_the_free_text_words_are_kept_apart_from_the_names(province):
    stored = dict(SearchTerm.objects.values_list("term", "in_names"))
    assert stored["vietgap"] is False  # only in the model's solutions
    assert stored["che"] is True  # in its name too ("Mô hình trồng chè Shan tuyết")
    assert "vietgap" not in vocabulary.current().names


def test_the_phrase_tier_completes_the_last_word_with_free_text_words(province):
    hits = search(None, "tieu chuan vietg")
    assert [h.name for h in hits] == ["Mô hình trồng chè Shan tuyết"]
    assert hits[0].matched_text.startswith("Liên kết hộ dân")


def test_a_last_word_with_too_many_completions_is_still_a_prefix(province):
    registration = province.by_name["Đặng Thị Mai"].registration
    words = " ".join(f"bao{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(MAX_COMPLETIONS + 2))
    reindex(ExemplarFactory(registration=registration, kind="model", name="Mô hình thử",
                            solutions=f"Kế hoạch {words}"))
    assert vocabulary.current().completions("bao", MAX_COMPLETIONS) is None
    assert "Mô hình thử" in [h.name for h in search(None, "ke hoach bao")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm's % on PostgreSQL")
def test_candidates_equal_what_pg_trgm_selects(province):
    from django.contrib.postgres.lookups import TrigramSimilar
    from django.db.models import F, Q

    built = vocabulary.current()
    for typed in ["dnag", "mal", "dieu", "duong", "giagn", "benh"]:
        probe = fuzzy.Probe.of(typed)
        condition = (Q(term__in={probe.telex} | probe.edits) | Q(ocr=probe.ocr)
                     | Q(TrigramSimilar(F("term"), typed)))
        from_database = set(SearchTerm.objects.filter(condition, in_names=True)
                            .values_list("term", flat=True))
        found = {c.term for c in built.candidates([probe])}
        assert from_database <= found, typed
        assert found - from_database <= {typed}, typed
