"""What gets indexed for an exemplar and for a unit, from plain values (no queries here).

Names get a key per word tail (full name, middle + given, given); short fields (position, work
unit, code) one key for the whole field; the solution summary only goes into the word stream of
the phrase tier, because keying every word of it would multiply the key table.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property

from core.collation import person_sort_key, sort_key
from core.text import clean
from search.analysis import Word, tails, word_stream, words
from search.models import EntryKind, KeyField

SUMMARY_CHARS = 240
PERSON_KINDS = frozenset({"individual", "household"})
# Fields whose every word tail is a key; the others are keyed as a whole.
TAILED_FIELDS = frozenset({KeyField.NAME, KeyField.SHORT_NAME, KeyField.FORMER_NAME,
                           KeyField.HEAD_NAME})
MAX_TERM_CHARS = 64

# Field order of the rows below (search.bulk writes them).
ENTRY_FIELDS = ("id", "kind", "object_id", "unit", "category", "name", "unit_label", "detail",
                "texts", "extra", "extra_folded", "sort_key")
KEY_FIELDS = ("entry", "key", "exact", "field", "source", "start")


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

    @cached_property
    def _words(self) -> list[list[Word]]:
        return [words(text) for _field, text in self.texts]

    def entry_values(self) -> dict:
        return {
            "kind": self.kind, "object_id": self.object_id, "unit_id": self.unit_id,
            "category": self.category, "name": self.name, "unit_label": self.unit_label,
            "detail": self.detail, "texts": [text for _field, text in self.texts],
            "extra": self.extra, "extra_folded": word_stream(self.extra),
            "sort_key": self.sort_key,
        }

    def entry_row(self, entry_id: int) -> tuple:
        values = self.entry_values()
        values["unit"] = values.pop("unit_id")
        values["texts"] = json.dumps(values["texts"], ensure_ascii=False)
        return (entry_id, *(values[name] for name in ENTRY_FIELDS[1:]))

    def key_rows(self, entry_id: int) -> list[tuple]:
        rows, seen = [], set()
        for source, ((key_field, _text), items) in enumerate(zip(self.texts, self._words,
                                                                 strict=True)):
            for tail in tails(items, all_words=key_field in TAILED_FIELDS):
                key = tail.key.encode()
                if (key, key_field, tail.start) not in seen:
                    seen.add((key, key_field, tail.start))
                    rows.append((entry_id, key, tail.exact, int(key_field), source, tail.start))
        return rows

    def vocabulary(self) -> set[str]:
        return {
            w.folded for items in self._words for w in items
            if w.folded.isalpha() and w.folded.isascii() and len(w.folded) <= MAX_TERM_CHARS
        }


def _present(*pairs: tuple[int, str]) -> list[tuple[int, str]]:
    """The non-empty texts (already cleaned)."""
    return [(key_field, text) for key_field, text in pairs if text]


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def exemplar_document(*, pk: int, kind: str, name: str, head_name: str, position_title: str,
                      work_unit: str, solutions: str, unit_id: int,
                      unit_name: str) -> Document:
    name, head_name, position_title, work_unit = map(
        clean, (name, head_name, position_title, work_unit))
    detail = " · ".join(t for t in (position_title, work_unit) if t)
    return Document(
        kind=EntryKind.EXEMPLAR, object_id=pk, unit_id=unit_id, category=kind, name=name,
        unit_label=clean(unit_name), detail=detail,
        extra=" · ".join(t for t in (detail, _summary(clean(solutions))) if t),
        sort_key=person_sort_key(name) if kind in PERSON_KINDS else sort_key(name),
        texts=_present((KeyField.NAME, name), (KeyField.HEAD_NAME, head_name),
                       (KeyField.POSITION, position_title), (KeyField.WORK_UNIT, work_unit)),
    )


def unit_document(*, pk: int, name: str, short_name: str, code: str, unit_type: str,
                  parent_name: str, former_names: list[str]) -> Document:
    name, short_name, code = clean(name), clean(short_name), clean(code)
    former = [(KeyField.FORMER_NAME, n) for n in dict.fromkeys(map(clean, former_names))
              if n != name]
    return Document(
        kind=EntryKind.UNIT, object_id=pk, unit_id=pk, category=unit_type, name=name,
        unit_label=clean(parent_name), detail=clean(code), sort_key=sort_key(name),
        texts=_present((KeyField.NAME, name), (KeyField.SHORT_NAME, short_name),
                       (KeyField.CODE, code), *former),
    )
