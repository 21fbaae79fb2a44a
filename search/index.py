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

from django.db import connection, transaction

from core.text import ocr_skeleton
from orgs.models import Unit, UnitSuccession
from registry.models import Exemplar
from search.documents import Document, exemplar_document, unit_document
from search.fuzzy import trigrams
from search.models import EntryKind, SearchEntry, SearchKey, SearchTerm

ENTRY_FIELDS = ["unit", "category", "name", "unit_label", "detail", "texts", "extra",
                "extra_folded", "sort_key"]


def _save(document: Document) -> None:
    built = document.entry()
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            kind=document.kind, object_id=document.object_id,
            defaults={name: getattr(built, name) for name in ENTRY_FIELDS},
        )
        entry.keys.all().delete()
        SearchKey.objects.bulk_create(document.keys(entry.pk))
        _add_terms(document.vocabulary())


def _term_rows(terms: Iterable[str]) -> Iterator[SearchTerm]:
    for term in terms:
        yield SearchTerm(term=term, ocr=ocr_skeleton(term), grams=len(trigrams(term)))


def _add_terms(terms: set[str]) -> None:
    known = set(SearchTerm.objects.filter(term__in=terms).values_list("term", flat=True))
    SearchTerm.objects.bulk_create(_term_rows(sorted(terms - known)), ignore_conflicts=True)


def _exemplar_values(exemplar: Exemplar) -> dict:
    unit = exemplar.registration.unit
    return {
        "pk": exemplar.pk, "kind": exemplar.kind, "name": exemplar.name,
        "head_name": exemplar.head_name, "position_title": exemplar.position_title,
        "work_unit": exemplar.work_unit, "solutions": exemplar.solutions,
        "unit_id": unit.pk, "unit_name": unit.name,
    }


def index_exemplar(exemplar: Exemplar) -> None:
    """Add or refresh one exemplar's entry."""
    _save(exemplar_document(**_exemplar_values(exemplar)))


def remove_exemplar(exemplar_id: int) -> None:
    SearchEntry.objects.filter(kind=EntryKind.EXEMPLAR, object_id=exemplar_id).delete()


def _unit_document(unit: Unit) -> Document:
    former = list(
        UnitSuccession.objects.filter(successor=unit)
        .order_by("effective_on", "pk").values_list("predecessor__name", flat=True)
    )
    return unit_document(
        pk=unit.pk, name=unit.name, short_name=unit.short_name, code=unit.code,
        unit_type=unit.unit_type, parent_name=unit.parent.name if unit.parent_id else "",
        former_names=former,
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
        for successor in Unit.objects.filter(predecessions__predecessor=unit).select_related(
                "parent"):
            _save(_unit_document(successor))


def remove_unit(unit_id: int) -> None:
    SearchEntry.objects.filter(kind=EntryKind.UNIT, object_id=unit_id).delete()


@dataclass(frozen=True)
class RebuildStats:
    units: int
    exemplars: int
    keys: int
    terms: int


def _clear() -> None:
    with connection.cursor() as cursor:
        for model in (SearchKey, SearchEntry, SearchTerm):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _write(documents: list[Document], vocabulary: set[str]) -> int:
    entries = SearchEntry.objects.bulk_create([d.entry() for d in documents])
    keys = [key for d, e in zip(documents, entries, strict=True) for key in d.keys(e.pk)]
    SearchKey.objects.bulk_create(keys, batch_size=5000)
    for document in documents:
        vocabulary |= document.vocabulary()
    return len(keys)


def _unit_documents(batch_size: int) -> Iterator[list[Document]]:
    names = dict(Unit.objects.values_list("pk", "name"))
    former: dict[int, list[str]] = defaultdict(list)
    for successor_id, predecessor_id in UnitSuccession.objects.order_by(
            "effective_on", "pk").values_list("successor_id", "predecessor_id"):
        former[successor_id].append(names[predecessor_id])
    rows = Unit.objects.order_by("pk").values_list(
        "pk", "name", "short_name", "code", "unit_type", "parent_id")
    batch: list[Document] = []
    for pk, name, short_name, code, unit_type, parent_id in rows.iterator(chunk_size=batch_size):
        batch.append(unit_document(
            pk=pk, name=name, short_name=short_name, code=code, unit_type=unit_type,
            parent_name=names.get(parent_id, ""), former_names=former[pk]))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


_EXEMPLAR_COLUMNS = ("pk", "kind", "name", "head_name", "position_title", "work_unit",
                     "solutions", "registration__unit_id")


def _exemplar_documents(batch_size: int, unit_names: dict[int, str]) -> Iterator[list[Document]]:
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
                              unit_name=unit_names.get(unit_id, ""))
            for pk, kind, name, head, position, work_unit, solutions, unit_id in rows
        ]
        last = rows[-1][0]


def rebuild(batch_size: int = 2000) -> RebuildStats:
    """Recompute the whole index from units and exemplars (bulk inserts, one transaction)."""
    vocabulary: set[str] = set()
    units = exemplars = keys = 0
    with transaction.atomic():
        _clear()
        for batch in _unit_documents(batch_size):
            keys += _write(batch, vocabulary)
            units += len(batch)
        unit_names = dict(Unit.objects.values_list("pk", "name"))
        for batch in _exemplar_documents(batch_size, unit_names):
            keys += _write(batch, vocabulary)
            exemplars += len(batch)
        SearchTerm.objects.bulk_create(_term_rows(sorted(vocabulary)), batch_size=5000)
    return RebuildStats(units=units, exemplars=exemplars, keys=keys, terms=len(vocabulary))
