"""Search results: the tier and score of each match, and the span of text it matched.

Score = tier (5 exact with diacritics … 1 fuzzy) + a fraction below 1 that orders hits within a
tier: the field (name before other names before position/work unit), whole text before a word
tail, then agreement of diacritics with the query and closeness of the match (the length typed
over the key's; for fuzzy matches, the corrections' score — which then comes first). Equal
scores are ordered by the Vietnamese collation key (given name first for people).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import partial
from typing import NamedTuple

from search.analysis import Query, Word, find_phrase, words
from search.documents import source
from search.models import KeyField, SearchEntry
from search.wording import SHORT_MARK

Span = tuple[int, int]
SNIPPET_BEFORE = 40
SNIPPET_LENGTH = 160


class Tier(IntEnum):
    FUZZY = 1
    TEXT = 2
    VARIANT = 3  # written another way: words left out, an abbreviation, OCR digits
    PREFIX = 4
    FOLDED = 5
    EXACT = 6


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    name: str
    unit: str | None
    score: float
    tier: Tier
    category: str
    detail: str
    name_spans: tuple[Span, ...] = ()
    matched_field: int | None = None  # a KeyField when the match is not in the name
    matched_text: str = ""
    matched_spans: tuple[Span, ...] = ()
    sort_key: bytes = field(default=b"", repr=False, compare=False)

    @property
    def url(self) -> str:
        return source(self.kind).url(self.id)

    @property
    def badge(self) -> str:
        return source(self.kind).badge(self.category)

    @property
    def matched_label(self) -> str:
        return str(KeyField(self.matched_field).label) if self.matched_field is not None else ""

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name,
                "unit": self.unit or None, "score": self.score}


def _diacritics_agreement(query: tuple[Word, ...], tail_exact: str) -> float:
    """Share of the query's letters (with their marks) equal to the matched ones."""
    total = sum(len(w.exact) for w in query)
    same = sum(
        sum(a == b for a, b in zip(w.exact, matched, strict=False))
        for w, matched in zip(query, tail_exact.split(" "), strict=False)
    )
    return same / total if total else 0.0


def _key_span(text: str, start: int, query: Query, tier: Tier) -> Span | None:
    found = words(text)
    if start >= len(found):
        return None
    last = min(start + len(query.words), len(found)) - 1
    end = found[last].end
    if tier == Tier.PREFIX:
        end = min(end, found[last].start + len(query.words[-1].folded))
    return found[start].start, end


def _spread_spans(text: str, start: int, probe: list[str]) -> tuple[Span, ...]:
    """The words of ``text`` a rewritten query matched, in order from word ``start`` (words
    left out between them stay unmarked; the last one may be a prefix)."""
    found = words(text)[start:]
    spans: list[Span] = []
    at = 0
    for i, wanted in enumerate(probe):
        last = i == len(probe) - 1
        while at < len(found) and not (found[at].folded == wanted or (
                last and found[at].folded.startswith(wanted))):
            at += 1
        if at == len(found):
            break
        word = found[at]
        end = word.start + len(wanted) if last and word.folded != wanted else word.end
        spans.append((word.start, end))
        at += 1
    merged: list[Span] = []
    for begin, end in spans:
        if merged and text[merged[-1][1]:begin].strip() == "":
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return tuple(merged)


def _snippet(text: str, query: Query) -> tuple[str, tuple[Span, ...]]:
    """A window of ``text`` around the phrase the query matched, and its span in the window."""
    at = find_phrase(words(text), query)
    span = _key_span(text, at, query, Tier.PREFIX) if at is not None else None
    if span is None:
        return text[:SNIPPET_LENGTH], ()
    begin, end = span
    first = max(0, begin - SNIPPET_BEFORE)
    last = min(len(text), first + SNIPPET_LENGTH)
    lead = "…" if first else ""
    tail = "…" if last < len(text) else ""
    shift = len(lead) - first
    return lead + text[first:last] + tail, ((begin + shift, min(end, last) + shift),)


# The columns a key row is read with (``values_list(*KEY_ROW, named=True)``): the key and its
# entry's shown fields — plain tuples, not two model instances per row.
KEY_ROW = ("entry_id", "key", "exact", "field", "source", "start", "entry__kind",
           "entry__object_id", "entry__name", "entry__unit_label", "entry__category",
           "entry__detail", "entry__texts", "entry__sort_key")


class _EntryView(NamedTuple):
    """What a hit shows of the entry a key row belongs to."""

    kind: str
    object_id: int
    name: str
    unit_label: str
    category: str
    detail: str
    texts: list
    sort_key: bytes


class _Kept(NamedTuple):
    """The best match of an entry so far: its score and order, and how to show it (a
    :class:`Hit` is built only for the entries that make the page)."""

    score: float
    sort_key: bytes
    kind: str
    object_id: int
    show: Callable[[], Hit]


class Ranker:
    """Keeps the best match per entry across tiers."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self.hits: dict[int, _Kept] = {}

    def __len__(self) -> int:
        return len(self.hits)

    def _keep(self, entry_id: int, sort_key: bytes, kind: str, object_id: int, score: float,
              show: Callable[[], Hit]) -> None:
        current = self.hits.get(entry_id)
        if current is None or score > current.score:
            self.hits[entry_id] = _Kept(score, bytes(sort_key), kind, object_id, show)

    def add_keys(self, rows: Iterable, tier: Tier,
                 phrase_scores: dict[str, float] | None = None, probe: str = "") -> None:
        """``rows``: key rows read with the columns of :data:`KEY_ROW` (named). ``probe``: for
        the variant tier, the rewritten query the rows answered."""
        typed = probe or self.query.key
        for row in rows:
            stored = bytes(row.key).decode()
            key = stored.removeprefix(SHORT_MARK)
            spread = tier == Tier.VARIANT or stored != key  # words may be left out between
            if tier == Tier.FUZZY:
                closeness = (phrase_scores or {}).get(key, 0.0)
            else:
                closeness = len(typed) / len(key)
            agreement = _diacritics_agreement(self.query.words, row.exact)
            # A corrected word matters more than its marks; otherwise the typed marks decide.
            first, second = (closeness, agreement) if tier == Tier.FUZZY else (agreement, closeness)
            fraction = (0.2 * (2 - row.field // 10) + 0.1 * (row.start == 0)
                        + 0.06 * first + 0.03 * second)
            self._keep(row.entry_id, row.entry__sort_key, row.entry__kind, row.entry__object_id,
                       round(int(tier) + fraction, 4),
                       partial(self._key_hit, row, tier, fraction, typed if spread else ""))

    def add_texts(self, entries: Iterable[SearchEntry]) -> None:
        for entry in entries:
            self._keep(entry.pk, entry.sort_key, entry.kind, entry.object_id, float(Tier.TEXT),
                       partial(self._hit, entry, Tier.TEXT, 0.0, None))

    def _key_hit(self, row, tier: Tier, fraction: float, spread: str) -> Hit:
        entry = _EntryView(row.entry__kind, row.entry__object_id, row.entry__name,
                           row.entry__unit_label, row.entry__category, row.entry__detail,
                           row.entry__texts, row.entry__sort_key)
        return self._hit(entry, tier, fraction, row, spread)

    def _hit(self, entry: "SearchEntry | _EntryView", tier: Tier, fraction: float,
             row=None, spread: str = "") -> Hit:
        """``spread``: the words the row matched, when words may be left out between them."""
        spans: dict = {}
        if row is None:
            text, found = _snippet(entry.extra, self.query)
            spans = {"matched_field": KeyField.TEXT, "matched_text": text, "matched_spans": found}
        else:
            text = entry.texts[row.source] if row.source < len(entry.texts) else ""
            if spread:
                found = _spread_spans(text, row.start, spread.split(" "))
            else:
                span = _key_span(text, row.start, self.query, tier)
                found = (span,) if span else ()
            if row.field == KeyField.NAME:
                spans = {"name_spans": found}
            else:
                spans = {"matched_field": row.field, "matched_text": text,
                         "matched_spans": found}
        return Hit(
            kind=entry.kind, id=entry.object_id, name=entry.name, unit=entry.unit_label or None,
            score=round(int(tier) + fraction, 4), tier=tier, category=entry.category,
            detail=entry.detail, sort_key=bytes(entry.sort_key), **spans,
        )

    def best(self, limit: int) -> list[Hit]:
        ranked = sorted(self.hits.values(),
                        key=lambda h: (-h.score, h.sort_key, h.kind, h.object_id))
        return [kept.show() for kept in ranked[:limit]]
