"""What gets indexed for an exemplar and for a unit, from plain values (no queries here).

Names get a key per word tail (full name, middle + given, given); short fields (position, work
unit, code) one key for the whole field; the solution summary only goes into the free text of
the substring tier, because keying every word of it would multiply the key table.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from core.collation import person_sort_key, sort_key
from core.text import clean, fold
from search.analysis import tails, words
from search.models import EntryKind, KeyField, SearchEntry, SearchKey

SUMMARY_CHARS = 240
PERSON_KINDS = frozenset({"individual", "household"})
# Fields whose every word tail is a key; the others are keyed as a whole.
TAILED_FIELDS = frozenset({KeyField.NAME, KeyField.SHORT_NAME, KeyField.FORMER_NAME,
                           KeyField.HEAD_NAME})
MAX_TERM_CHARS = 64


@dataclass
class Document:
    kind: str
    object_id: int
    unit_id: int
    category: str
    name: str
    unit_label: str
    detail: str = ""
    extra: str = ""
    sort_key: bytes = b""
    texts: list[tuple[int, str]] = field(default_factory=list)  # (KeyField, cleaned text)

    def entry(self) -> SearchEntry:
        return SearchEntry(
            kind=self.kind, object_id=self.object_id, unit_id=self.unit_id,
            category=self.category, name=self.name, unit_label=self.unit_label,
            detail=self.detail, texts=[text for _field, text in self.texts], extra=self.extra,
            extra_folded=fold(self.extra), sort_key=self.sort_key,
        )

    def keys(self, entry_id: int) -> Iterator[SearchKey]:
        seen: set[tuple[bytes, int, int]] = set()
        for source, (key_field, text) in enumerate(self.texts):
            for tail in tails(text, all_words=key_field in TAILED_FIELDS):
                key = tail.key.encode()
                if (key, key_field, tail.start) in seen:
                    continue
                seen.add((key, key_field, tail.start))
                yield SearchKey(entry_id=entry_id, key=key, exact=tail.exact, field=key_field,
                                source=source, start=tail.start)

    def vocabulary(self) -> set[str]:
        return {
            w.folded for _field, text in self.texts for w in words(text)
            if w.folded.isalpha() and w.folded.isascii() and len(w.folded) <= MAX_TERM_CHARS
        }


def _present(*pairs: tuple[int, str]) -> list[tuple[int, str]]:
    return [(key_field, clean(text)) for key_field, text in pairs if clean(text)]


def _summary(text: str) -> str:
    text = clean(text)
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def exemplar_document(*, pk: int, kind: str, name: str, head_name: str, position_title: str,
                      work_unit: str, solutions: str, unit_id: int,
                      unit_name: str) -> Document:
    name = clean(name)
    detail = " · ".join(t for t in (clean(position_title), clean(work_unit)) if t)
    return Document(
        kind=EntryKind.EXEMPLAR, object_id=pk, unit_id=unit_id, category=kind, name=name,
        unit_label=clean(unit_name), detail=detail,
        extra=" · ".join(t for t in (detail, _summary(solutions)) if t),
        sort_key=person_sort_key(name) if kind in PERSON_KINDS else sort_key(name),
        texts=_present((KeyField.NAME, name), (KeyField.HEAD_NAME, head_name),
                       (KeyField.POSITION, position_title), (KeyField.WORK_UNIT, work_unit)),
    )


def unit_document(*, pk: int, name: str, short_name: str, code: str, unit_type: str,
                  parent_name: str, former_names: list[str]) -> Document:
    name = clean(name)
    former = [(KeyField.FORMER_NAME, n) for n in dict.fromkeys(former_names) if clean(n) != name]
    return Document(
        kind=EntryKind.UNIT, object_id=pk, unit_id=pk, category=unit_type, name=name,
        unit_label=clean(parent_name), detail=clean(code), sort_key=sort_key(name),
        texts=_present((KeyField.NAME, name), (KeyField.SHORT_NAME, short_name),
                       (KeyField.CODE, code), *former),
    )
