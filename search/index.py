"""Keeping the search index current. The registry and orgs services call these after a write:

* ``index_exemplar(exemplar)`` — after an exemplar is created or changed;
* ``remove_exemplar(exemplar_id)`` — after it is deleted;
* ``index_unit(unit)`` — after a unit is created, renamed or linked to a predecessor/successor
  (also refreshes the unit label shown on its exemplars and children, and its successors'
  former names);
* ``rebuild(batch_size=…)`` — the whole index from scratch, in one transaction (searches keep
  seeing the old index until it commits). ``manage.py rebuild_search_index`` runs it.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction

from core.text import ocr_skeleton
from orgs.models import Unit, UnitSuccession
from registry.models import Exemplar
from search import bulk
from search.documents import (
    ENTRY_FIELDS,
    KEY_FIELDS,
    Document,
    exemplar_document,
    unit_document,
)
from search.fuzzy import trigrams
from search.models import EntryKind, SearchEntry, SearchKey, SearchTerm

TERM_FIELDS = ("term", "ocr", "grams")


def _term_rows(terms: Iterable[str]) -> list[tuple[str, str, int]]:
    return [(term, ocr_skeleton(term), len(trigrams(term))) for term in sorted(terms)]


def _add_terms(terms: set[str]) -> None:
    known = set(SearchTerm.objects.filter(term__in=terms).values_list("term", flat=True))
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, ocr=o, grams=g) for t, o, g in _term_rows(terms - known)],
        ignore_conflicts=True,
    )


def _save(document: Document) -> None:
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            kind=document.kind, object_id=document.object_id, defaults=document.entry_values())
        entry.keys.all().delete()
        SearchKey.objects.bulk_create(
            SearchKey(entry=entry, key=key, exact=exact, field=key_field, source=source,
                      start=start)
            for _entry_id, key, exact, key_field, source, start in document.key_rows(entry.pk))
        _add_terms(document.vocabulary())


def index_exemplar(exemplar: Exemplar) -> None:
    """Add or refresh one exemplar's entry (one query for its unit if not loaded)."""
    unit = exemplar.registration.unit
    _save(exemplar_document(
        pk=exemplar.pk, kind=exemplar.kind, name=exemplar.name, head_name=exemplar.head_name,
        position_title=exemplar.position_title, work_unit=exemplar.work_unit,
        solutions=exemplar.solutions, unit_id=unit.pk, unit_name=unit.name,
    ))


def index_new_exemplars(exemplars: list[Exemplar]) -> None:
    """Index many exemplars that have no entry yet (an import) with bulk writes."""
    if not exemplars:
        return
    documents = [
        exemplar_document(
            pk=e.pk, kind=e.kind, name=e.name, head_name=e.head_name,
            position_title=e.position_title, work_unit=e.work_unit, solutions=e.solutions,
            unit_id=e.registration.unit_id, unit_name=e.registration.unit.name,
        )
        for e in exemplars
    ]
    vocabulary: set[str] = set()
    with transaction.atomic():
        _write(documents, vocabulary)
        _add_terms(vocabulary)


def remove_exemplar(exemplar_id: int) -> None:
    SearchEntry.objects.filter(kind=EntryKind.EXEMPLAR, object_id=exemplar_id).delete()


def _unit_document(unit: Unit) -> Document:
    former = UnitSuccession.objects.filter(successor=unit).order_by("effective_on", "pk")
    return unit_document(
        pk=unit.pk, name=unit.name, short_name=unit.short_name, code=unit.code,
        unit_type=unit.unit_type, parent_name=unit.parent.name if unit.parent_id else "",
        former_names=list(former.values_list("predecessor__name", flat=True)),
    )


def index_unit(unit: Unit) -> None:
    """Add or refresh a unit, the labels that show its name, and its successors' former names."""
    with transaction.atomic():
        _save(_unit_document(unit))
        SearchEntry.objects.filter(kind=EntryKind.EXEMPLAR, unit_id=unit.pk).update(
            unit_label=unit.name)
        children = Unit.objects.filter(parent=unit).values("pk")
        SearchEntry.objects.filter(kind=EntryKind.UNIT, object_id__in=children).update(
            unit_label=unit.name)
        successors = Unit.objects.filter(predecessions__predecessor=unit).select_related("parent")
        for successor in successors:
            _save(_unit_document(successor))


def remove_unit(unit_id: int) -> None:
    SearchEntry.objects.filter(kind=EntryKind.UNIT, object_id=unit_id).delete()


@dataclass(frozen=True)
class RebuildStats:
    units: int
    exemplars: int
    keys: int
    terms: int


def _unit_documents(batch_size: int, names: dict[int, str]) -> Iterator[list[Document]]:
    former: dict[int, list[str]] = defaultdict(list)
    links = UnitSuccession.objects.order_by("effective_on", "pk")
    for successor_id, predecessor_id in links.values_list("successor_id", "predecessor_id"):
        former[successor_id].append(names[predecessor_id])
    rows = list(Unit.objects.order_by("pk").values_list(
        "pk", "name", "short_name", "code", "unit_type", "parent_id"))
    for at in range(0, len(rows), batch_size):
        yield [
            unit_document(pk=pk, name=name, short_name=short_name, code=code,
                          unit_type=unit_type, parent_name=names.get(parent_id, ""),
                          former_names=former[pk])
            for pk, name, short_name, code, unit_type, parent_id in rows[at:at + batch_size]
        ]


_EXEMPLAR_COLUMNS = ("pk", "kind", "name", "head_name", "position_title", "work_unit",
                     "solutions", "registration__unit_id")


def _exemplar_documents(batch_size: int, names: dict[int, str]) -> Iterator[list[Document]]:
    last = 0
    while True:
        rows = list(Exemplar.objects.filter(pk__gt=last).order_by("pk")
                    .values_list(*_EXEMPLAR_COLUMNS)[:batch_size])
        if not rows:
            return
        yield [
            exemplar_document(pk=pk, kind=kind, name=name, head_name=head,
                              position_title=position, work_unit=work_unit,
                              solutions=solutions, unit_id=unit_id,
                              unit_name=names.get(unit_id, ""))
            for pk, kind, name, head, position, work_unit, solutions, unit_id in rows
        ]
        last = rows[-1][0]


def _write(documents: list[Document], vocabulary: set[str]) -> int:
    ids = bulk.reserve_ids(SearchEntry, len(documents))
    bulk.insert(SearchEntry, ENTRY_FIELDS, [d.entry_row(i) for d, i in zip(documents, ids,
                                                                          strict=True)])
    keys = [row for d, i in zip(documents, ids, strict=True) for row in d.key_rows(i)]
    bulk.insert(SearchKey, KEY_FIELDS, keys)
    for document in documents:
        vocabulary |= document.vocabulary()
    return len(keys)


def rebuild(batch_size: int = 5000) -> RebuildStats:
    """Recompute the whole index from units and exemplars (bulk writes, one transaction)."""
    vocabulary: set[str] = set()
    units = exemplars = keys = 0
    with transaction.atomic():
        bulk.delete_all(SearchKey, SearchEntry, SearchTerm)
        names = dict(Unit.objects.values_list("pk", "name"))
        for batch in _unit_documents(batch_size, names):
            keys += _write(batch, vocabulary)
            units += len(batch)
        for batch in _exemplar_documents(batch_size, names):
            keys += _write(batch, vocabulary)
            exemplars += len(batch)
        bulk.insert(SearchTerm, TERM_FIELDS, _term_rows(vocabulary))
        bulk.analyze(SearchEntry, SearchKey, SearchTerm)
    return RebuildStats(units=units, exemplars=exemplars, keys=keys, terms=len(vocabulary))
