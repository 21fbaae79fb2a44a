"""Units in the search index: their documents, declared to search/ from ``OrgsConfig.ready()``.

A unit is found by its name, short name, code and former names (its predecessors'); its label
is its parent's name. Renaming a unit also relabels the entries that show its name (those it
owns, its children) and refreshes its successors' former names.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.collation import sort_key
from core.text import clean
from orgs.models import Unit, UnitSuccession
from orgs.selectors import units_visible_to
from search import documents, index
from search.documents import Document, present
from search.models import KeyField, SearchEntry

KIND = "unit"


def unit_document(*, pk: int, name: str, short_name: str, code: str, unit_type: str,
                  parent_name: str, former_names: list[str]) -> Document:
    name, short_name, code = clean(name), clean(short_name), clean(code)
    former = [(KeyField.FORMER_NAME, n) for n in dict.fromkeys(map(clean, former_names))
              if n != name]
    return Document(
        kind=KIND, object_id=pk, unit_id=pk, category=unit_type, name=name,
        unit_label=clean(parent_name), detail=clean(code), sort_key=sort_key(name),
        texts=present((KeyField.NAME, name), (KeyField.SHORT_NAME, short_name),
                      (KeyField.CODE, code), *former),
    )


def _former_names(successor_ids: Iterable[int]) -> dict[int, list[str]]:
    """Predecessors' names of each successor, oldest link first (one query)."""
    former: dict[int, list[str]] = defaultdict(list)
    links = (UnitSuccession.objects.filter(successor_id__in=list(successor_ids))
             .order_by("effective_on", "pk").values_list("successor_id", "predecessor__name"))
    for successor_id, name in links:
        former[successor_id].append(name)
    return former


def unit_documents(units: Sequence[Unit]) -> list[Document]:
    """The documents of ``units`` (their parents are read unless already loaded)."""
    former = _former_names(u.pk for u in units)
    return [
        unit_document(pk=u.pk, name=u.name, short_name=u.short_name, code=u.code,
                      unit_type=u.unit_type, parent_name=u.parent.name if u.parent_id else "",
                      former_names=former[u.pk])
        for u in units
    ]


def every_unit_document(batch_size: int) -> Iterator[list[Document]]:
    names = dict(Unit.objects.values_list("pk", "name"))
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


def follow_unit(unit: Unit) -> None:
    """After a unit's entry: the labels that show its name, and its successors' former names."""
    SearchEntry.objects.filter(unit_id=unit.pk).exclude(kind=KIND).update(unit_label=unit.name)
    children = Unit.objects.filter(parent=unit).values("pk")
    SearchEntry.objects.filter(kind=KIND, object_id__in=children).update(unit_label=unit.name)
    successors = list(Unit.objects.filter(predecessions__predecessor=unit).select_related("parent"))
    for document in unit_documents(successors):
        index.save(document)


def register() -> None:
    documents.register(documents.Source(
        kind=KIND, model=Unit, label=_("Cơ quan, đơn vị"), count_label=_("%(count)d đơn vị"),
        documents=unit_documents, every_batch=every_unit_document,
        visible_units=units_visible_to,
        url=lambda pk: reverse("orgs:unit_detail", args=[pk]),
        after_reindex=follow_unit,
    ))
