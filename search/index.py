"""Keeping the search index current, for any registered :class:`search.documents.Source`.

The services that write call these:

* ``reindex(obj)`` — after an object is created or changed: its entry, then the source's
  ``after_reindex`` (entries that show this object's data, e.g. a unit's name as their label);
* ``reindex_new(objects)`` — many new objects of one model that have no entry yet (an import),
  with bulk writes;
* ``remove(model, object_id)`` — after an object is deleted;
* ``rebuild(batch_size=…)`` — the whole index from scratch, every source, in one transaction
  (searches keep seeing the old index until it commits). ``manage.py rebuild_search_index``
  runs it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from core.text import ocr_skeleton
from search import bulk, vocabulary
from search.documents import ENTRY_FIELDS, KEY_FIELDS, Document, source_for, sources
from search.fuzzy import trigrams
from search.models import SearchEntry, SearchKey, SearchTerm

TERM_FIELDS = ("term", "ocr", "grams", "in_names")


def _term_rows(terms: Iterable[str], in_names: bool = True) -> list[tuple[str, str, int, bool]]:
    return [(term, ocr_skeleton(term), len(trigrams(term)), in_names) for term in sorted(terms)]


def _add_terms(names: set[str], texts: set[str] = frozenset()) -> None:
    """Add the words not stored yet: ``names`` (of names and short fields) and ``texts`` (only
    in free text); a free-text word now in a name becomes a name word. Tells
    :mod:`search.vocabulary` when anything changed."""
    texts = set(texts) - names
    known = dict(SearchTerm.objects.filter(term__in=names | texts)
                 .values_list("term", "in_names"))
    rows = _term_rows(names - known.keys()) + _term_rows(texts - known.keys(), in_names=False)
    promoted = [t for t in names if known.get(t) is False]
    if promoted:
        SearchTerm.objects.filter(term__in=promoted).update(in_names=True)
    if rows:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, ocr=o, grams=g, in_names=n) for t, o, g, n in rows],
            ignore_conflicts=True,
        )
    if rows or promoted:
        vocabulary.changed()


def save(document: Document) -> None:
    """Write one document's entry, replacing the one it had."""
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            kind=document.kind, object_id=document.object_id, defaults=document.entry_values())
        entry.keys.all().delete()
        SearchKey.objects.bulk_create(
            SearchKey(entry=entry, key=key, exact=exact, field=key_field, source=source,
                      start=start)
            for _entry_id, key, exact, key_field, source, start in document.key_rows(entry.pk))
        _add_terms(document.vocabulary(), document.text_vocabulary())


def reindex(obj: Model) -> None:
    """Add or refresh one object's entry and the entries that show its data."""
    source = source_for(type(obj))
    with transaction.atomic():
        for document in source.documents([obj]):
            save(document)
        if source.after_reindex is not None:
            source.after_reindex(obj)


def reindex_new(objects: Sequence[Model]) -> None:
    """Index many objects of one model that have no entry yet, with bulk writes."""
    if not objects:
        return
    documents = source_for(type(objects[0])).documents(objects)
    names: set[str] = set()
    texts: set[str] = set()
    with transaction.atomic():
        _write(documents, names, texts)
        _add_terms(names, texts)


def remove(model: type[Model], object_id: int) -> None:
    SearchEntry.objects.filter(kind=source_for(model).kind, object_id=object_id).delete()


@dataclass(frozen=True)
class RebuildStats:
    entries: dict[str, int]  # by kind, in the sources' order
    keys: int
    terms: int  # words of names and short fields
    text_terms: int = 0  # words only in free text


def _write(documents: list[Document], names: set[str], texts: set[str]) -> int:
    ids = bulk.reserve_ids(SearchEntry, len(documents))
    bulk.insert(SearchEntry, ENTRY_FIELDS, [d.entry_row(i) for d, i in zip(documents, ids,
                                                                          strict=True)])
    keys = [row for d, i in zip(documents, ids, strict=True) for row in d.key_rows(i)]
    bulk.insert(SearchKey, KEY_FIELDS, keys)
    for document in documents:
        names |= document.vocabulary()
        texts |= document.text_vocabulary()
    return len(keys)


def rebuild(batch_size: int = 5000) -> RebuildStats:
    """Recompute the whole index from every source (bulk writes, one transaction)."""
    names: set[str] = set()
    texts: set[str] = set()
    entries: dict[str, int] = {}
    keys = 0
    with transaction.atomic():
        bulk.delete_all(SearchKey, SearchEntry, SearchTerm)
        for source in sources():
            entries[source.kind] = 0
            for batch in source.every_batch(batch_size):
                keys += _write(batch, names, texts)
                entries[source.kind] += len(batch)
        texts -= names
        bulk.insert(SearchTerm, TERM_FIELDS,
                    _term_rows(names) + _term_rows(texts, in_names=False))
        bulk.analyze(SearchEntry, SearchKey, SearchTerm)
        vocabulary.changed()
    return RebuildStats(entries=entries, keys=keys, terms=len(names), text_terms=len(texts))
