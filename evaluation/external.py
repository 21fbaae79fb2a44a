"""Evidence kept by apps above evaluation, read as documents (a registration protocol).

Some proof of a criterion lives in an app that evaluation may not import — the award history
(``awards``) holds the decisions that recognised or commended a subject. Such an app registers,
from its ``AppConfig.ready()``, one :func:`register_source` per evidence kind it feeds:
``fn(scope, *, as_of)`` returns ``{exemplar_id: (Document, …)}`` for the exemplars of ``scope``
(a list of exemplar ids or a queryset of exemplars, as :mod:`evaluation.loading` scopes its
reads), counting only what was decided on or before ``as_of`` (the evaluation date).

Both readers — the fast loader (``loading.Loaded``) and the page's read
(``selectors.evidence_for``) — call :func:`documents_for` once per scope and merge the result
with :func:`merge` into the case attribute of that kind. **Absent is not empty**: documents from
a source make the kind provided (a tuple, possibly joined with entered rows); a source with
nothing for an exemplar leaves the kind as the entered evidence says (``None`` if not provided).
"""

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from evaluation.engine.case import Document

Source = Callable[..., Mapping[int, tuple[Document, ...]]]

_SOURCES: dict[str, list[Source]] = {}


def register_source(kind: str, fn: Source) -> None:
    """Feed evidence kind ``kind`` (a key of ``evidence.BY_KIND`` whose attribute holds
    documents) from ``fn``. Registering the same function twice is harmless."""
    from evaluation import evidence

    if kind not in evidence.BY_KIND:
        raise ValueError(f"unknown evidence kind {kind!r}")
    listed = _SOURCES.setdefault(kind, [])
    if fn not in listed:
        listed.append(fn)


def unregister_source(kind: str, fn: Source) -> None:
    """For tests."""
    if fn in _SOURCES.get(kind, []):
        _SOURCES[kind].remove(fn)


def kinds() -> tuple[str, ...]:
    return tuple(kind for kind, fns in _SOURCES.items() if fns)


def documents_for(scope: Any, *, as_of: datetime.date | None = None
                  ) -> dict[str, dict[int, tuple[Document, ...]]]:
    """``{kind: {exemplar_id: documents}}`` from every registered source (one or two queries
    each, whatever the size of the scope)."""
    from django.utils import timezone

    day = as_of or timezone.localdate()
    out: dict[str, dict[int, tuple[Document, ...]]] = {}
    for kind, fns in _SOURCES.items():
        merged: dict[int, tuple[Document, ...]] = {}
        for fn in fns:
            for exemplar_id, docs in fn(scope, as_of=day).items():
                if docs:
                    merged[exemplar_id] = merged.get(exemplar_id, ()) + tuple(docs)
        out[kind] = merged
    return out


def merge(attributes: dict[str, Any], found: Mapping[str, Mapping[int, tuple[Document, ...]]],
          exemplar_id: int) -> dict[str, Any]:
    """Add the sources' documents of one exemplar to its case attributes (in place)."""
    for kind, by_exemplar in found.items():
        add(attributes, kind, by_exemplar.get(exemplar_id, ()))
    return attributes


def add(attributes: dict[str, Any], kind: str, docs: tuple[Document, ...]) -> None:
    """Join ``docs`` to the attribute of ``kind``: none leaves it as it is (absent stays
    absent); some make the kind provided."""
    from evaluation import evidence

    if docs:
        attribute = evidence.BY_KIND[kind].attribute
        attributes[attribute] = tuple(attributes.get(attribute) or ()) + tuple(docs)
