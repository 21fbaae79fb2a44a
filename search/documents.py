"""The document protocol: what the index holds for one searchable object, and who says so.

search/ knows no source model. Each app that owns something searchable declares a
:class:`Source` for it and registers it from its ``AppConfig.ready()`` (orgs: units; registry:
exemplars). A source says how to turn a batch of its objects into :class:`Document` values, how
to produce all of them for a rebuild, which units a user may see entries of, and how a hit is
shown (its badge and the page it links to). :mod:`search.index` writes the documents;
:mod:`search.selectors` and :mod:`search.hits` read the sources back.

Names get a key per word tail (full name, middle + given, given); short fields (position, work
unit, code) one key for the whole field; long free text (a solution summary) only goes into the
word stream of the phrase tier (``extra``), because keying every word of it would multiply the
key table.
"""

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Model, QuerySet

from search import wording
from search.analysis import Word, tails, word_stream, words
from search.models import KeyField

SUMMARY_CHARS = 240
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
    """One entry of the index, from plain values (building it runs no query).

    ``unit_id`` is the unit whose data it is: it decides who may see the entry. ``unit_label`` is
    shown under the name: the name of that unit, except for a unit itself (its parent's name).
    ``texts`` are the keyed texts, already cleaned, each with the :class:`KeyField` it fills.
    """

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
    person: bool = False  # the name is a person's (family, middle, given): see wording.shortened

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
            if key_field in TAILED_FIELDS:
                rows += self._shortened_rows(entry_id, key_field, source, items, seen)
        return rows

    def _shortened_rows(self, entry_id: int, key_field: int, source: int, items: list[Word],
                        seen: set) -> list[tuple]:
        """Keys of the name with words left out (``wording.SHORT_MARK`` + the kept words'
        tail), except those equal to a key it has anyway; ``start`` is where the tail starts
        in the full name."""
        person = key_field == KeyField.HEAD_NAME or (key_field == KeyField.NAME and self.person)
        plain = {tail.key for tail in tails(items)}
        rows = []
        for kept in wording.shortened([w.folded for w in items], person=person):
            part = [items[i] for i in kept]
            for tail in tails(part):
                if tail.key in plain:
                    continue
                key = (wording.SHORT_MARK + tail.key).encode()
                start = kept[tail.start]
                if (key, key_field, start) not in seen:
                    seen.add((key, key_field, start))
                    rows.append((entry_id, key, tail.exact, int(key_field), source, start))
        return rows

    def vocabulary(self) -> set[str]:
        """The words of the keyed texts (names, short fields)."""
        return {w.folded for items in self._words for w in items if is_term(w.folded)}

    def text_vocabulary(self) -> set[str]:
        """The words of the free text (``extra``) that are not in :meth:`vocabulary`."""
        return {w for w in word_stream(self.extra).split() if is_term(w)} - self.vocabulary()


def is_term(word: str) -> bool:
    """A folded word the vocabulary keeps (letters only, not too long)."""
    return word.isalpha() and word.isascii() and len(word) <= MAX_TERM_CHARS


def present(*pairs: tuple[int, str]) -> list[tuple[int, str]]:
    """The non-empty texts (already cleaned), for :attr:`Document.texts`."""
    return [(key_field, text) for key_field, text in pairs if text]


def summary(text: str) -> str:
    """The start of a long text, cut at a word, for :attr:`Document.extra`."""
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _no_category_label(_category: str) -> str | None:
    return None


@dataclass(frozen=True)
class Source:
    """One kind of searchable object, declared by the app that owns it."""

    kind: str  # SearchEntry.kind, a hit's "kind" in JSON, the ``kinds`` filter of a search
    model: type[Model]  # whose objects ``search.index.reindex(obj)`` is given
    label: Any  # the badge of a hit (a lazy string)
    count_label: Any  # "%(count)d …": the kind in the rebuild command's summary
    documents: Callable[[Sequence[Any]], list[Document]]  # a batch's documents, constant queries
    every_batch: Callable[[int], Iterator[list[Document]]]  # all documents, for the rebuild
    visible_units: Callable[[Any], QuerySet]  # units whose entries a user with a unit role sees
    url: Callable[[int], str]  # the page a hit links to, from its object id
    category_label: Callable[[str], str | None] = _no_category_label  # a finer badge
    after_reindex: Callable[[Any], None] | None = None  # entries that show this object follow it

    def badge(self, category: str) -> str:
        return str(self.category_label(category) or self.label)


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Declare a searchable kind (from ``AppConfig.ready()``); registering again replaces it."""
    _SOURCES[source.kind] = source


def sources(kinds: Iterable[str] | None = None) -> list[Source]:
    """The registered sources (in registration order, i.e. INSTALLED_APPS order), or those of
    ``kinds``."""
    if kinds is None:
        return list(_SOURCES.values())
    wanted = set(kinds)
    return [s for s in _SOURCES.values() if s.kind in wanted]


def source(kind: str) -> Source:
    try:
        return _SOURCES[kind]
    except KeyError:
        raise LookupError(f"no search source registered for kind {kind!r}") from None


def source_for(model: type[Model]) -> Source:
    """The source whose objects are of ``model`` (a model class or one of its subclasses)."""
    for candidate in _SOURCES.values():
        if issubclass(model, candidate.model):
            return candidate
    raise LookupError(f"no search source registered for {model.__name__}")
