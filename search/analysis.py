"""How text becomes search keys: words, their folded and exact forms, and word tails.

A text is cut into words where it is cut for display, so a matched key maps back to a span of
the original text (for highlighting) without a second tokeniser. A key is a *tail*: the folded
words from one word to the end, so "Đặng Thị Mai" gives ``dang thi mai``, ``thi mai`` and
``mai`` — the full name, the middle and given names, the given name — and a btree on the key
answers exact and prefix questions for all of them.
"""

import re
from dataclasses import dataclass

from core.text import MARK_RANGES, clean, exact_form, fold

# A word: letters or digits, with any combining marks left over after NFC.
_WORD = re.compile(rf"(?:[^\W_][{MARK_RANGES}]*)+")
_FOLDED_WORD = re.compile(r"[^\W_]+")

MAX_TAIL_WORDS = 12
MAX_KEY_CHARS = 255


@dataclass(frozen=True)
class Word:
    start: int  # character span in the cleaned text
    end: int
    folded: str  # ``dang``
    exact: str  # ``đặng``


def words(text: str) -> list[Word]:
    """The words of an already cleaned text, with their folded and exact forms."""
    found = []
    for match in _WORD.finditer(text):
        folded = "".join(_FOLDED_WORD.findall(fold(match.group())))
        if folded:
            found.append(Word(match.start(), match.end(), folded, exact_form(match.group())))
    return found


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[Word, ...]

    @property
    def key(self) -> str:
        return join_folded(self.words)

    @property
    def exact(self) -> str:
        return " ".join(w.exact for w in self.words)

    def __bool__(self) -> bool:
        return bool(self.words)


def parse_query(raw: str | None) -> Query:
    text = clean(raw)[:200]
    return Query(text, tuple(words(text)))


def join_folded(items) -> str:
    return " ".join(w.folded for w in items)


@dataclass(frozen=True)
class Tail:
    start: int  # index of the first word
    key: str
    exact: str


def tails(text: str, *, all_words: bool = True) -> list[Tail]:
    """Keys of ``text``: one per word (``all_words``) or only the whole text."""
    items = words(text)
    starts = range(len(items)) if all_words else range(min(1, len(items)))
    out = []
    for start in starts:
        part = items[start:start + MAX_TAIL_WORDS]
        key = join_folded(part)[:MAX_KEY_CHARS]
        exact = " ".join(w.exact for w in part)[:MAX_KEY_CHARS]
        out.append(Tail(start, key, exact))
    return out
