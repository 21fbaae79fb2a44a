"""Fast reads for evaluation: many exemplars' :class:`Case` in a constant number of queries.

The ORM path (model instances per evidence row, then a ``Case`` built from them) spends most of
its time creating model instances that are thrown away at once. This module reads each table
with ``.values_list(...)`` — plain tuples — and builds the engine's value objects directly:

* one query for the exemplar → subject links (with the subject's ``rated`` flag),
* one for the evidence declarations (absent vs empty),
* one per evidence table (one per declared kind, ``evidence.EVIDENCE_TYPES``),
* one for the judgements and one for the users who recorded them,
* one or two per evidence source registered by an app above (``evaluation.external``),

whatever the number of exemplars. Rows are restricted by a *scope*: either a list of exemplar
ids (``exemplar_id IN (…)``, for a page or a short list) or a queryset of exemplars (a
subquery, ``… IN (SELECT …)``, so a campaign-wide batch needs no long parameter list — no
SQLite variable limit, no huge plan for PostgreSQL).

The page's model-based read (``selectors.evidence_for``) builds its case with the same
function, ``evidence.case_attributes``: a kind is *provided* when declared or when it has rows
(``evidence.provided``); each table is read in its model's ``Meta.ordering`` so "the latest tax
statement", "the last production record" and the order of documents and violations are the
same; the latest judgement per criterion counts.
"""

import datetime
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from evaluation import evidence, external
from evaluation import models as m
from evaluation.engine.case import Case
from evaluation.engine.case import Judgement as CaseJudgement

# An id list longer than this is split (SQLite allows 32,766 variables by default; PostgreSQL
# plans long IN lists poorly). Campaign-wide batches use a subquery scope instead.
MAX_IDS = 5_000

Scope = Sequence[int] | QuerySet  # exemplar ids, or a queryset of exemplars


def who(user: Any) -> str | None:
    """The name shown for the reviewer who recorded a judgement."""
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def case_judgement(passed: bool, by: str | None, at: datetime.datetime, note: str
                   ) -> CaseJudgement:
    """A recorded judgement as the engine sees it: who by name, when in local time."""
    return CaseJudgement(passed, by, timezone.localtime(at).isoformat(), note)


def _by_exemplar(scope: Scope, within: tuple[int, int] | None) -> dict[str, Any]:
    if not isinstance(scope, QuerySet):
        return {"exemplar_id__in": scope}
    condition: dict[str, Any] = {"exemplar__in": scope.values("pk")}
    if within is not None:
        # Redundant with the scope, but it lets the database read the links and judgements of
        # the batch by their exemplar index instead of scanning them for a hash join.
        condition.update(exemplar_id__gte=within[0], exemplar_id__lte=within[1])
    return condition


def _rows(model: type, subjects: Any, *columns: str) -> list[tuple]:
    """``(subject_id, *columns)`` of ``model`` in its ``Meta.ordering``."""
    return list(model.objects.filter(subject_id__in=subjects)
                .order_by(*model._meta.ordering).values_list("subject_id", *columns))


class Loaded:
    """The evidence of one scope, grouped by subject id; ``case`` builds one exemplar's case."""

    def __init__(self, scope: Scope, within: tuple[int, int] | None = None,
                 as_of: datetime.date | None = None):
        """``scope``: exemplar ids or a queryset of exemplars; ``within``: the smallest and
        largest exemplar id of a queryset scope when known (a primary-key batch); ``as_of``:
        the evaluation date for the evidence other apps keep (``external``; default today)."""
        by_exemplar = _by_exemplar(scope, within)
        links = m.ExemplarSubject.objects.filter(**by_exemplar)
        self.subject_of: dict[int, tuple[int, bool | None]] = {
            e: (s, rated) for e, s, rated in links.values_list(
                "exemplar_id", "subject_id", "subject__rated")}
        if isinstance(scope, QuerySet):
            subjects: Any = links.values("subject_id")  # a subquery: no id list at all
        else:
            subjects = sorted({s for s, _ in self.subject_of.values()})
        self._read_declarations(subjects)
        self._read_evidence(subjects)
        self._read_judgements(by_exemplar)
        self.external = external.documents_for(scope, as_of=as_of)

    # --- reads: one query each ---------------------------------------------------------------
    def _read_declarations(self, subjects: Any) -> None:
        self.declared: dict[int, set[str]] = {}
        query = m.EvidenceDeclaration.objects.filter(subject_id__in=subjects, provided=True)
        for sid, kind in query.values_list("subject_id", "kind"):
            self.declared.setdefault(sid, set()).add(kind)

    def _read_evidence(self, subjects: Any) -> None:
        self.collected: dict[str, dict[int, Any]] = {
            t.kind: t.collect(_rows(t.model, subjects, *t.columns))
            for t in evidence.EVIDENCE_TYPES}

    def _read_judgements(self, by_exemplar: dict[str, Any]) -> None:
        query = m.Judgement.objects.filter(**by_exemplar)
        users = get_user_model().objects.filter(pk__in=query.values("recorded_by_id"))
        names = {user.pk: who(user) for user in users}  # always one query (a subquery)
        self.judgements: dict[int, dict[str, CaseJudgement]] = {}
        rows = query.order_by("recorded_at", "pk").values_list(
            "exemplar_id", "criterion_code", "passed", "recorded_by_id", "recorded_at", "note")
        for exemplar_id, code, passed, user_id, at, note in rows:  # later ones replace earlier
            self.judgements.setdefault(exemplar_id, {})[code] = case_judgement(
                passed, names.get(user_id), at, note)

    # --- one case ----------------------------------------------------------------------------
    def case(self, exemplar_id: int, kind: str, field: str | None, year: int) -> Case:
        link = self.subject_of.get(exemplar_id)
        sid, rated = link if link is not None else (None, None)
        attributes = evidence.case_attributes(self.collected, sid, self.declared.get(sid, ()))
        external.merge(attributes, self.external, exemplar_id)
        return Case(
            kind=kind, year=year, field=field or None, rated=rated, **attributes,
            judgements=MappingProxyType(self.judgements.get(exemplar_id, {})),
        )
