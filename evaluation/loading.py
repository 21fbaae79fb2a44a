"""Fast reads for evaluation: many exemplars' :class:`Case` in a constant number of queries.

The ORM path (model instances per evidence row, then a ``Case`` built from them) spends most of
its time creating model instances that are thrown away at once. This module reads each table
with ``.values_list(...)`` — plain tuples — and builds the engine's value objects directly:

* one query for the exemplar → subject links (with the subject's ``rated`` flag),
* one for the evidence declarations (absent vs empty),
* one per evidence table (eleven),
* one for the judgements and one for the users who recorded them,

whatever the number of exemplars. Rows are restricted by a *scope*: either a list of exemplar
ids (``exemplar_id IN (…)``, for a page or a short list) or a queryset of exemplars (a
subquery, ``… IN (SELECT …)``, so a campaign-wide batch needs no long parameter list — no
SQLite variable limit, no huge plan for PostgreSQL).

The semantics are exactly those of the page's model-based reads (``selectors.evidence_for``):
a kind is *provided* when declared or when it has rows; each table is read in its model's
``Meta.ordering`` so "the latest tax statement", "the last production record" and the order
of documents and violations are the same; the latest judgement per criterion counts.
"""

from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from evaluation import models as m
from evaluation.engine.case import Case, CchcYear, Document, Figure, HouseholdProduction, Violation
from evaluation.engine.case import Judgement as CaseJudgement

K = m.EvidenceKind

# An id list longer than this is split (SQLite allows 32,766 variables by default; PostgreSQL
# plans long IN lists poorly). Campaign-wide batches use a subquery scope instead.
MAX_IDS = 5_000

Scope = Sequence[int] | QuerySet  # exemplar ids, or a queryset of exemplars


def who(user: Any) -> str | None:
    """The name shown for the reviewer who recorded a judgement."""
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


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

    def __init__(self, scope: Scope, within: tuple[int, int] | None = None):
        """``scope``: exemplar ids or a queryset of exemplars; ``within``: the smallest and
        largest exemplar id of a queryset scope when known (a primary-key batch)."""
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

    # --- reads: one query each ---------------------------------------------------------------
    def _read_declarations(self, subjects: Any) -> None:
        self.declared: dict[int, set[str]] = {}
        query = m.EvidenceDeclaration.objects.filter(subject_id__in=subjects, provided=True)
        for sid, kind in query.values_list("subject_id", "kind"):
            self.declared.setdefault(sid, set()).add(kind)

    def _read_evidence(self, subjects: Any) -> None:
        self.ratings: dict[int, dict[int, str]] = {}
        for sid, year, level in _rows(m.AnnualRating, subjects, "year", "level"):
            self.ratings.setdefault(sid, {})[year] = level

        self.recognitions: dict[int, list[Document]] = {}
        for sid, number, date, authority, content in _rows(
                m.Recognition, subjects, "number", "date", "authority", "content"):
            self.recognitions.setdefault(sid, []).append(Document(
                number, date.isoformat() if date else None, authority, content or None))

        self.culture: dict[int, set[int]] = {}
        for sid, year in _rows(m.CulturalFamilyYear, subjects, "year"):
            self.culture.setdefault(sid, set()).add(year)

        self.violations: dict[int, list[Violation]] = {}
        for sid, year, kind, member in _rows(m.Violation, subjects, "year", "kind", "member_name"):
            self.violations.setdefault(sid, []).append(Violation(year, kind, member or None))

        self.cchc: dict[int, dict[int, tuple]] = {}
        for sid, year, *figures in _rows(m.AdminReformResult, subjects,
                                         "year", "par_index", "satisfaction", "overdue_dossiers"):
            self.cchc.setdefault(sid, {})[year] = figures

        self.disciplines: dict[int, dict[int, list[str]]] = {}
        for sid, year, level in _rows(m.Discipline, subjects, "year", "level"):
            self.disciplines.setdefault(sid, {}).setdefault(year, []).append(level)

        self.initiative: dict[int, bool] = {}
        for sid, recognised in _rows(m.CchcInitiative, subjects, "recognised"):
            self.initiative[sid] = self.initiative.get(sid, False) or recognised

        self.business: dict[int, dict[int, dict[str, Figure]]] = {}
        for sid, year, metric, actual, plan in _rows(
                m.BusinessResult, subjects, "year", "metric", "actual", "plan"):
            self.business.setdefault(sid, {}).setdefault(year, {})[metric] = Figure(actual, plan)

        self.arrears: dict[int, float] = {}
        for sid, amount in _rows(m.TaxArrears, subjects, "amount"):
            self.arrears[sid] = amount  # ordered by as_of: the latest statement counts

        self.production: dict[int, HouseholdProduction] = {}
        for sid, *values in _rows(m.HouseholdProduction, subjects,
                                  "stable_since", "households_helped", "jobs_created"):
            self.production[sid] = HouseholdProduction(*values)  # the last record counts

        self.charity: dict[int, list[Document]] = {}
        for sid, number, date, authority in _rows(
                m.CharityCommendation, subjects, "number", "date", "authority"):
            self.charity.setdefault(sid, []).append(Document(
                number, date.isoformat() if date else None, authority, None))

    def _read_judgements(self, by_exemplar: dict[str, Any]) -> None:
        query = m.Judgement.objects.filter(**by_exemplar)
        users = get_user_model().objects.filter(pk__in=query.values("recorded_by_id"))
        names = {user.pk: who(user) for user in users}  # always one query (a subquery)
        self.judgements: dict[int, dict[str, CaseJudgement]] = {}
        rows = query.order_by("recorded_at", "pk").values_list(
            "exemplar_id", "criterion_code", "passed", "recorded_by_id", "recorded_at", "note")
        for exemplar_id, code, passed, user_id, at, note in rows:  # later ones replace earlier
            self.judgements.setdefault(exemplar_id, {})[code] = CaseJudgement(
                passed, names.get(user_id), timezone.localtime(at).isoformat(), note)

    # --- one case ----------------------------------------------------------------------------
    def case(self, exemplar_id: int, kind: str, field: str | None, year: int) -> Case:
        link = self.subject_of.get(exemplar_id)
        sid, rated = link if link is not None else (None, None)
        declared = self.declared.get(sid, ())
        ratings = self.ratings.get(sid)
        recognitions = self.recognitions.get(sid)
        culture = self.culture.get(sid)
        violations = self.violations.get(sid)
        business = self.business.get(sid)
        charity = self.charity.get(sid)
        arrears = self.arrears.get(sid)
        initiative = self.initiative.get(sid)
        # Absent (None) unless the kind has rows or is declared; declared without rows = empty.
        return Case(
            kind=kind, year=year, field=field or None, rated=rated,
            ratings=MappingProxyType(ratings if ratings is not None else {})
            if ratings is not None or K.RATINGS in declared else None,
            recognitions=tuple(recognitions or ())
            if recognitions is not None or K.RECOGNITIONS in declared else None,
            cultural_family_years=frozenset(culture or ())
            if culture is not None or K.CULTURAL_FAMILY in declared else None,
            violations=tuple(violations or ())
            if violations is not None or K.VIOLATIONS in declared else None,
            cchc=self._cchc(sid, declared),
            cchc_initiative=(initiative or False)
            if initiative is not None or K.CCHC_INITIATIVE in declared else None,
            business=MappingProxyType(business if business is not None else {})
            if business is not None or K.BUSINESS in declared else None,
            tax_arrears=(arrears if arrears is not None else 0.0)
            if arrears is not None or K.TAX_ARREARS in declared else None,
            household_production=self.production.get(sid),  # rows only, as on the page
            charity_commendations=tuple(charity or ())
            if charity is not None or K.CHARITY in declared else None,
            judgements=MappingProxyType(self.judgements.get(exemplar_id, {})),
        )

    def _cchc(self, sid: int | None, declared: Iterable[str]) -> MappingProxyType | None:
        results = self.cchc.get(sid)
        levels = self.disciplines.get(sid)
        has_disciplines = levels is not None or K.DISCIPLINES in declared
        if not (has_disciplines or results is not None or K.CCHC in declared):
            return None
        results, levels = results or {}, levels or {}
        out = {}
        for year in sorted(results.keys() | levels.keys()):
            r = results.get(year)
            out[year] = CchcYear(
                *(r if r is not None else (None, None, None)),
                disciplines=tuple(levels.get(year, ())) if has_disciplines else None,
            )
        return MappingProxyType(out)
