"""Mapping free text to a field of the guidance ("Y tế" → e, "CCHC" → k).

Units type the "Điển hình thuộc lĩnh vực" column of their Word/Excel forms by hand, so importers
read it with :func:`match_field` and ask a person whenever it returns anything but one key.
Comparison is on the folded text (``core.text.fold``: lower case, no diacritics, đ → d) with
punctuation read as spaces, so "GD&ĐT", "gd-dt" and "GD & ĐT" are the same words.
"""

import re
from dataclasses import dataclass

from core.text import clean, fold
from guidance.pack import Pack

_WORD = re.compile(r"[0-9a-z]+")
# A field key typed alone may carry the document's punctuation: "a)", "(đ)", "c1.".
_KEY_PUNCTUATION = " .:;)(-"
# Shorter phrases ("dd", "QP") only count as the whole cell, never as words inside longer text.
_MIN_CONTAINED_LENGTH = 3


def words(text: str) -> str:
    """Folded text with every run of punctuation and spaces made one space."""
    return " ".join(_WORD.findall(fold(text)))


@dataclass(frozen=True)
class _Index:
    keys: dict[str, str]  # the key as typed (lower case, not folded: "đ" ≠ "d") → field key
    exact: dict[str, frozenset[str]]  # words of label / heading / synonym → field keys
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # words of label / synonym, field key
    selectable: dict[str, tuple[str, ...]]  # field key → the keys it stands for on a form
    order: dict[str, int]


def _build_index(pack: Pack) -> _Index:
    exact: dict[str, set[str]] = {}
    phrases = []
    for field in pack.fields:
        for text in (field.label, field.heading, *field.synonyms):
            if form := words(text):
                exact.setdefault(form, set()).add(field.key)
        for text in (field.label, *field.synonyms):
            form = words(text)
            if len(form) >= _MIN_CONTAINED_LENGTH:
                phrases.append((tuple(form.split()), field.key))
    # A heading that is not chosen itself (c, d) stands for its sub-fields: "Nông nghiệp" is
    # d1 or d2, and the caller asks which.
    selectable = {
        f.key: (f.key,) if f.selectable
        else tuple(c.key for c in pack.fields if c.parent == f.key and c.selectable)
        for f in pack.fields
    }
    return _Index(
        keys={f.key.lower(): f.key for f in pack.fields},
        exact={form: frozenset(keys) for form, keys in exact.items()},
        phrases=tuple(phrases),
        selectable=selectable,
        order={f.key: i for i, f in enumerate(pack.fields)},
    )


# Importers match thousands of cells against one pack; rebuilding the index each time would
# dominate. Packs are immutable, so the last few indexes are kept by identity.
_cache: list[tuple[Pack, _Index]] = []


def _index(pack: Pack) -> _Index:
    for cached_pack, index in _cache:
        if cached_pack is pack:
            return index
    index = _build_index(pack)
    _cache.insert(0, (pack, index))
    del _cache[8:]
    return index


def _contained(index: _Index, tokens: list[str]) -> set[str]:
    """Fields whose label or synonym occurs as whole words, dropping a match that lies inside a
    longer match of another field ("an toàn giao thông" is b, not also c3's "giao thông")."""
    spans = []
    for phrase, key in index.phrases:
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            if tuple(tokens[start:start + size]) == phrase:
                spans.append((start, start + size, key))
    return {
        key for start, end, key in spans
        if not any(s <= start and end <= e and e - s > end - start and k != key
                   for s, e, k in spans)
    }


def match_field(pack: Pack, text: str) -> list[str]:
    """The selectable field keys that ``text`` names, in the pack's order; ``[]`` if none.

    Tiers, the first that matches wins: the key itself ("k", "c1", "đ", "a)"); the whole text
    equal to a field's label, heading or synonym; then labels and synonyms found inside the
    text as whole words. More than one key means the text is ambiguous: ask, do not guess.
    """
    index = _index(pack)
    cleaned = clean(text)
    if not cleaned:
        return []
    typed_key = cleaned.lower().strip(_KEY_PUNCTUATION)
    if typed_key in index.keys:
        found = {index.keys[typed_key]}
    else:
        form = words(cleaned)
        found = set(index.exact.get(form, ())) or _contained(index, form.split())
    selectable = {key for found_key in found for key in index.selectable[found_key]}
    return sorted(selectable, key=index.order.__getitem__)
