"""Exemplars in the search index: their documents, declared to search/ from
``RegistryConfig.ready()``.

An exemplar is found by its name, the head's name, position and work unit; its solution summary
feeds the phrase tier. It belongs to its registering unit (who may see it, and its label), and is
ordered by :func:`registry.enums.exemplar_sort_key` among equal scores.
"""

from collections.abc import Iterator, Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import clean
from orgs.models import Unit
from orgs.selectors import units_visible_to
from registry.enums import ExemplarKind, exemplar_sort_key
from registry.models import Exemplar
from search import documents
from search.documents import Document, present, summary
from search.models import KeyField

KIND = "exemplar"
_COLUMNS = ("pk", "kind", "name", "head_name", "position_title", "work_unit", "solutions",
            "registration__unit_id")


def exemplar_document(*, pk: int, kind: str, name: str, head_name: str, position_title: str,
                      work_unit: str, solutions: str, unit_id: int,
                      unit_name: str) -> Document:
    name, head_name, position_title, work_unit = map(
        clean, (name, head_name, position_title, work_unit))
    detail = " · ".join(t for t in (position_title, work_unit) if t)
    return Document(
        kind=KIND, object_id=pk, unit_id=unit_id, category=kind, name=name,
        unit_label=clean(unit_name), detail=detail,
        extra=" · ".join(t for t in (detail, summary(clean(solutions))) if t),
        sort_key=exemplar_sort_key(kind, name),
        person=kind in (ExemplarKind.INDIVIDUAL, ExemplarKind.HOUSEHOLD),
        texts=present((KeyField.NAME, name), (KeyField.HEAD_NAME, head_name),
                      (KeyField.POSITION, position_title), (KeyField.WORK_UNIT, work_unit)),
    )


def exemplar_documents(exemplars: Sequence[Exemplar]) -> list[Document]:
    """The documents of ``exemplars`` (their registration's unit is read unless loaded)."""
    return [
        exemplar_document(
            pk=e.pk, kind=e.kind, name=e.name, head_name=e.head_name,
            position_title=e.position_title, work_unit=e.work_unit, solutions=e.solutions,
            unit_id=e.registration.unit.pk, unit_name=e.registration.unit.name,
        )
        for e in exemplars
    ]


def every_exemplar_document(batch_size: int) -> Iterator[list[Document]]:
    names = dict(Unit.objects.values_list("pk", "name"))
    last = 0
    while True:
        rows = list(Exemplar.objects.filter(pk__gt=last).order_by("pk")
                    .values_list(*_COLUMNS)[:batch_size])
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


def _kind_label(category: str) -> str | None:
    return ExemplarKind(category).label if category in ExemplarKind.values else None


def register() -> None:
    documents.register(documents.Source(
        kind=KIND, model=Exemplar, label=_("Điển hình"), count_label=_("%(count)d điển hình"),
        documents=exemplar_documents, every_batch=every_exemplar_document,
        visible_units=units_visible_to,
        url=lambda pk: reverse("registry:exemplar_detail", args=[pk]),
        category_label=_kind_label,
    ))
