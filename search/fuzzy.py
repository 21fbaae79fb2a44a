"""Typo-, Telex- and OCR-tolerant matching of single folded words. No Django import.

The fuzzy tier never compares a query with a million names: it finds, for each query word, the
few *vocabulary* words it may have meant (same OCR skeleton, one edit away, a Telex spelling, or
trigram-similar), then looks the corrected phrases up as exact keys. ``similarity`` reproduces
pg_trgm's ``similarity()``, so PostgreSQL's index can pre-select candidates and both databases
make the final decision with the same Python arithmetic.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.text import ocr_skeleton

TRIGRAM_THRESHOLD = 0.3  # pg_trgm's default similarity_threshold, used by its % operator
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
MIN_EDIT_LENGTH = 3  # shorter words are one edit away from too many others
MAX_EDIT_LENGTH = 20  # longer "words" are not names: 50 variants per letter buy nothing
ALTERNATIVES_PER_WORD = 6
MAX_PHRASES = 64

# How much a correction is trusted (1.0 = the word as typed).
SCORE_TELEX = 0.95
SCORE_OCR = 0.9
SCORE_EDIT = 0.8
SCORE_TRIGRAM = 0.9  # times the similarity

_ALNUM = re.compile(r"[^\W_]+")


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in _ALNUM.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(first: str, second: str) -> float:
    """pg_trgm ``similarity``: shared trigrams over all distinct trigrams."""
    return _similarity(trigrams(first), second)


def gram_bounds(word: str, threshold: float = TRIGRAM_THRESHOLD) -> tuple[int, int]:
    """Trigram counts a word must have to reach ``threshold`` with ``word`` (a cheap prefilter:
    similarity ≤ min(|A|, |B|) / max(|A|, |B|))."""
    n = len(trigrams(word))
    return math.ceil(n * threshold - 1e-9), math.floor(n / threshold + 1e-9)


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return (deletes | transposes | replaces | inserts) - {word}


_TONE_KEY_AFTER_VOWEL = re.compile(r"(?<=[aeiouyw])[sfrxj](?=[a-z])")
_DOUBLED = re.compile(r"aa|aw|ee|oo|ow|uw")


def telex(word: str) -> str:
    """Undo Telex typed without an input method: "ddawngj" → "dang", "nguyeenx" → "nguyen".

    Vietnamese syllables never end in s/f/r/x/j, so a final one is a tone key.
    """
    out = word
    if len(out) > 1 and out[-1] in "sfrxj" and re.search("[aeiouyw]", out[:-1]):
        out = out[:-1]
    else:
        out = _TONE_KEY_AFTER_VOWEL.sub("", out, count=1)
    out = out.replace("dd", "d")
    out = _DOUBLED.sub(lambda m: m.group()[0], out)
    return out.replace("w", "u")


@dataclass(frozen=True)
class Candidate:
    term: str
    ocr: str


@dataclass(frozen=True)
class Probe:
    """A query word with its variants computed once (scored against many candidates)."""

    word: str
    telex: str
    ocr: str
    edits: frozenset[str]
    grams: frozenset[str]

    @classmethod
    def of(cls, word: str) -> "Probe":
        wanted = MIN_EDIT_LENGTH <= len(word) <= MAX_EDIT_LENGTH
        edits = frozenset(edits1(word)) if wanted else frozenset()
        return cls(word, telex(word), ocr_skeleton(word), edits, trigrams(word))


def _similarity(grams: frozenset[str], other: str) -> float:
    theirs = trigrams(other)
    if not grams or not theirs:
        return 0.0
    shared = len(grams & theirs)
    return shared / (len(grams) + len(theirs) - shared)


def score(probe: Probe, candidate: Candidate) -> float:
    """How likely ``candidate`` is the vocabulary word meant by the probe's word (0 = not)."""
    if candidate.term == probe.word:
        return 1.0
    best = 0.0
    if candidate.term == probe.telex:
        best = SCORE_TELEX
    if candidate.ocr == probe.ocr:
        best = max(best, SCORE_OCR)
    if candidate.term in probe.edits:
        best = max(best, SCORE_EDIT)
    sim = _similarity(probe.grams, candidate.term)
    if sim >= TRIGRAM_THRESHOLD:
        best = max(best, SCORE_TRIGRAM * sim)
    return best


def alternatives(probe: Probe, candidates: Iterable[Candidate]) -> list[tuple[str, float]]:
    """The best few (term, score) for the probe's word; the word itself always stays a choice."""
    scored = {probe.word: 1.0}
    for candidate in candidates:
        value = score(probe, candidate)
        if value > scored.get(candidate.term, 0.0):
            scored[candidate.term] = value
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:ALTERNATIVES_PER_WORD]


def phrases(choices: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Best phrases (words joined by spaces) by mean word score, built with a small beam."""
    beam: list[tuple[tuple[str, ...], float]] = [((), 0.0)]
    for options in choices:
        grown = [((*words, term), total + value) for words, total in beam
                 for term, value in options]
        grown.sort(key=lambda item: (-item[1], item[0]))
        beam = grown[:MAX_PHRASES]
    n = max(len(choices), 1)
    return [(" ".join(words), total / n) for words, total in beam if words]
