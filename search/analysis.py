"""How text becomes search keys: words, their folded and exact forms, and word tails.

A text is cut into words where it is cut for display, so a matched key maps back to a span of
the original text (for highlighting) without a second tokeniser. A key is a *tail*: the folded
words from one word to the end, so "Đặng Thị Mai" gives ``dang thi mai``, ``thi mai`` and
``mai`` — the full name, the middle and given names, the given name — and a btree on the key
answers exact and prefix questions for all of them.
"""

import re
from functools import lru_cache
from typing import NamedTuple

from core.text import MARK_RANGES, clean, exact_form, fold

# A word: letters or digits, with any combining marks left over after NFC.
_WORD = re.compile(rf"(?:[^\W_][{MARK_RANGES}]*)+")
_FOLDED_WORD = re.compile(r"[^\W_]+")

MAX_TAIL_WORDS = 12
MAX_KEY_CHARS = 255
MAX_QUERY_CHARS = 200


class Word(NamedTuple):
    start: int  # character span in the cleaned text
    end: int
    folded: str  # ``dang``
    exact: str  # ``đặng``


@lru_cache(maxsize=200_000)
def _forms(word: str) -> tuple[str, str]:
    # Vietnamese has a few thousand syllables: caching makes indexing a million names cheap.
    return "".join(_FOLDED_WORD.findall(fold(word))), exact_form(word)


def words(text: str) -> list[Word]:
    """The words of an already cleaned text, with their folded and exact forms."""
    found = []
    for match in _WORD.finditer(text):
        folded, exact = _forms(match.group())
        if folded:
            found.append(Word(match.start(), match.end(), folded, exact))
    return found


def word_stream(text: str) -> str:
    """The folded words of ``text`` between single spaces, padded: " a b c " — so that a phrase
    of whole words is the substring " a b" on any database, and PostgreSQL's full text sees the
    same words. (Folds the text at once: the per-word path costs too much on long texts.)"""
    found = _FOLDED_WORD.findall(fold(text))
    return f" {' '.join(found)} " if found else ""


class Query(NamedTuple):
    text: str
    words: tuple[Word, ...]

    @property
    def key(self) -> str:
        return " ".join(w.folded for w in self.words)

    @property
    def exact(self) -> str:
        return " ".join(w.exact for w in self.words)


def parse_query(raw: str | None) -> Query:
    text = clean(raw)[:MAX_QUERY_CHARS]
    return Query(text, tuple(words(text)))


class Tail(NamedTuple):
    start: int  # index of the first word
    key: str
    exact: str


def tails(items: list[Word], *, all_words: bool = True) -> list[Tail]:
    """Keys of a text's words: one per word (``all_words``) or only the whole text."""
    out = []
    for start in range(len(items) if all_words else min(1, len(items))):
        part = items[start:start + MAX_TAIL_WORDS]
        key = " ".join(w.folded for w in part)[:MAX_KEY_CHARS]
        exact = " ".join(w.exact for w in part)[:MAX_KEY_CHARS]
        out.append(Tail(start, key, exact))
    return out


def find_phrase(items: list[Word], query: Query) -> int | None:
    """Index of the first word where the query's words follow one another (the last one may be
    a prefix), as the substring tier matched them."""
    n = len(query.words)
    for i in range(len(items) - n + 1):
        window = items[i:i + n]
        if all(a.folded == b.folded for a, b in zip(window[:-1], query.words[:-1], strict=True)) \
                and window[-1].folded.startswith(query.words[-1].folded):
            return i
    return None
