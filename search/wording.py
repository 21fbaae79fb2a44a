"""How people write, as data: abbreviations, words left out, digits a scanner reads for letters.

Everything language-specific comes from ``search/reference/words.toml`` (docs/search.md, "How
people write"); this module only applies it.

* Abbreviations (the ``Abbreviation`` table, shipped in the file, edited in Django admin):
  :func:`query_variants` rewrites a query both ways — "ttyt tam duong" also as "trung tam y te
  tam duong", "trung tam y te tam duong" also as "ttyt tam duong". The table is read once per
  process and again after any change (a version number in the shared cache, bumped on save), so
  an edit applies to the next search on every process, without a restart or an index rebuild.
* Words left out: :func:`shortened` gives a name's extra keys without its optional words
  ("huyện", "tỉnh", …) or, for a person, without the middle name ("Tòng Văn Hùng" → "tong
  hung"). They are stored in the index (``SHORT_MARK`` + key), so the list is read at indexing
  time: changing it needs ``manage.py rebuild_search_index``.
* OCR digits: a query word mixing letters and digits ("h6") is also tried with the digits read
  as letters ("ho").
"""

import itertools
import time
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from core.text import fold

WORDS_FILE = Path(__file__).resolve().parent / "reference" / "words.toml"
# Keys of names with words left out start with this byte: no typed query (letters and digits)
# starts with it, so the exact, prefix and fuzzy tiers never see them.
SHORT_MARK = "\x01"
MAX_VARIANTS = 8  # rewritten queries tried per search (each one indexed range lookup)
MAX_SHORTENED = 4  # extra keys per name
MIN_KEPT_WORDS = 2  # a name shortened to one word says too little ("huyện" alone matches all)
MAX_OCR_DIGITS = 3  # digits rewritten per word (the variants multiply)
_VERSION_KEY = "search:abbreviations:version"


def _folded_words(text: str) -> tuple[str, ...]:
    return tuple("".join(ch for ch in part if ch.isalnum())
                 for part in fold(text).replace("&", " ").replace("-", " ").split()
                 if any(ch.isalnum() for ch in part))


@lru_cache(maxsize=1)
def shipped() -> dict:
    with WORDS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def optional_words() -> tuple[tuple[str, ...], ...]:
    """The optional word sequences, folded, longest first ("thi tran" before "xa")."""
    found = {_folded_words(text) for text in shipped().get("optional_words", ())}
    return tuple(sorted((w for w in found if w), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def ocr_digits() -> dict[str, tuple[str, ...]]:
    return {digit: tuple(letters) for digit, letters in shipped().get("ocr_digits", {}).items()}


# --- abbreviations ------------------------------------------------------------------------


class Rule(NamedTuple):
    short: tuple[str, ...]  # folded words of the short form: ("gd", "dt")
    full: tuple[str, ...]  # ("giao", "duc", "va", "dao", "tao")


def rules_from(pairs) -> tuple[Rule, ...]:
    """Rules from (short, full) texts; a short form of several parts ("GD&ĐT") is also matched
    written as one word ("gddt")."""
    found: list[Rule] = []
    for short, full in pairs:
        short_words, full_words = _folded_words(short), _folded_words(full)
        if not short_words or not full_words or short_words == full_words:
            continue
        found.append(Rule(short_words, full_words))
        if len(short_words) > 1:
            found.append(Rule(("".join(short_words),), full_words))
    return tuple(dict.fromkeys(found))


_loaded: dict = {"version": object(), "rules": ()}


def rules() -> tuple[Rule, ...]:
    """The administrator's abbreviations in force (read again after any change)."""
    from django.core.cache import cache

    from search.models import Abbreviation

    version = cache.get(_VERSION_KEY, 0)
    if _loaded["version"] != version:
        pairs = Abbreviation.objects.filter(active=True).values_list("short", "full")
        _loaded.update(version=version, rules=rules_from(pairs))
    return _loaded["rules"]


def forget(**_signal) -> None:
    """After an abbreviation changed: every process reads the table again at its next search."""
    from django.core.cache import cache

    cache.set(_VERSION_KEY, time.time_ns(), timeout=None)
    _loaded["version"] = object()


def load_abbreviations() -> dict[str, int]:
    """Copy the shipped abbreviations that the table lacks (idempotent; an edited or
    switched-off row is left as the administrator made it)."""
    from search.models import Abbreviation

    known = set(Abbreviation.objects.values_list("short", "full"))
    new = [Abbreviation(short=row["short"], full=row["full"])
           for row in shipped().get("abbreviation", ())
           if (row["short"], row["full"]) not in known]
    Abbreviation.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        forget()
    return {"abbreviations_created": len(new), "abbreviations_kept": len(known)}


def _replace(words: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]):
    """Each way of replacing one occurrence of ``old`` by ``new``, and all of them at once."""
    n = len(old)
    spots = [i for i in range(len(words) - n + 1) if words[i:i + n] == old]
    for i in spots:
        yield words[:i] + new + words[i + n:]
    if len(spots) > 1:
        out, i = [], 0
        while i < len(words):
            if words[i:i + n] == old:
                out += new
                i += n
            else:
                out.append(words[i])
                i += 1
        yield tuple(out)


def _ocr_fixed(word: str) -> list[str]:
    """"h6" → ["ho"]; "ma1" → ["mal", "mai"]; a word of digits only (a code) is left alone."""
    table = ocr_digits()
    spots = [i for i, ch in enumerate(word) if ch in table]
    if not spots or len(spots) > MAX_OCR_DIGITS or not any(ch.isalpha() for ch in word):
        return []
    found = []
    for letters in itertools.product(*(table[word[i]] for i in spots)):
        chars = list(word)
        for i, letter in zip(spots, letters, strict=True):
            chars[i] = letter
        found.append("".join(chars))
    return found


def _without_optional(words: tuple[str, ...]) -> tuple[str, ...]:
    kept, i = [], 0
    while i < len(words):
        for seq in optional_words():
            if words[i:i + len(seq)] == seq:
                i += len(seq)
                break
        else:
            kept.append(words[i])
            i += 1
    return tuple(kept)


def query_variants(words: tuple[str, ...], rules_in_force: tuple[Rule, ...] | None = None,
                   ) -> list[tuple[str, ...]]:
    """Other ways of writing the folded query ``words``, best first, at most ``MAX_VARIANTS``:
    OCR digits read as letters, then each abbreviation expanded or contracted, then the
    optional words left out."""
    active = rules() if rules_in_force is None else rules_in_force
    bases = [words]
    for i, word in enumerate(words):
        for fixed in _ocr_fixed(word):
            bases += [(*b[:i], fixed, *b[i + 1:]) for b in list(bases)]
            del bases[MAX_VARIANTS + 1:]  # many garbled words: the first few readings
    found: dict[tuple[str, ...], None] = dict.fromkeys(bases[1:])
    for base in bases:
        for rule in active:
            for old, new in ((rule.short, rule.full), (rule.full, rule.short)):
                for rewritten in _replace(base, old, new):
                    found.setdefault(rewritten)
    for candidate in [words, *found]:
        shorter = _without_optional(candidate)
        if len(shorter) >= MIN_KEPT_WORDS and shorter != candidate:
            found.setdefault(shorter)
    found.pop(words, None)
    return list(found)[:MAX_VARIANTS]


# --- words left out (index side) ----------------------------------------------------------


def shortened(folded: list[str], *, person: bool) -> list[list[int]]:
    """Which words of a name to keep for its extra keys (indexes into ``folded``): a person's
    name without its middle name(s); any other name without its optional words. Each keeps at
    least ``MIN_KEPT_WORDS`` words; at most ``MAX_SHORTENED``."""
    n = len(folded)
    found: list[list[int]] = []
    if person:
        if 3 <= n <= 5:  # family, middle name(s), given name: all middle names, or one
            found.append([0, n - 1])
            found += [[i for i in range(n) if i != left] for left in range(1, n - 1) if n > 3]
    else:
        kept, i = [], 0
        words = tuple(folded)
        while i < n:
            for seq in optional_words():
                if words[i:i + len(seq)] == seq:
                    i += len(seq)
                    break
            else:
                kept.append(i)
                i += 1
        if len(kept) < n:
            found.append(kept)
    return [k for k in found if len(k) >= MIN_KEPT_WORDS][:MAX_SHORTENED]
