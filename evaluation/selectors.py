"""Reads for evaluation: many exemplars' evidence in a constant number of queries.

``cases_for`` runs one query for the exemplar → subject links, one for the declarations, one
per evidence table (``subject_id__in``) and one for the judgements — the same count for 1 or
2,000 exemplars. ``evaluate_exemplars`` feeds the cases to the plain-Python engine.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from evaluation import models as m
from evaluation.case import Case, CchcYear, Document, Figure, HouseholdProduction, Violation
from evaluation.case import Judgement as CaseJudgement
from evaluation.engine import Evaluator, Verdict, evaluator_for
from guidance.models import Campaign
from registry.models import Exemplar

K = m.EvidenceKind


def _rows(model: type, subject_ids: Iterable[int]) -> dict[int, list[Any]]:
    query = model.objects.filter(subject_id__in=subject_ids)
    by_subject: dict[int, list[Any]] = defaultdict(list)
    for row in query:
        by_subject[row.subject_id].append(row)
    return by_subject


@dataclass
class Evidence:
    """All rows of one subject, grouped by model (also shown on the evaluation page)."""

    subject: m.Subject | None
    declared: set[str]
    rows: dict[type, list[Any]]

    def of(self, model: type) -> list[Any]:
        return self.rows.get(model, [])

    def provided(self, kind: str, model: type) -> bool:
        return kind in self.declared or bool(self.of(model))


def evidence_for(exemplar_ids: Sequence[int]) -> dict[int, Evidence]:
    links = m.ExemplarSubject.objects.filter(exemplar_id__in=exemplar_ids).select_related("subject")
    subject_of = {link.exemplar_id: link.subject for link in links}
    subject_ids = {s.pk for s in subject_of.values()}
    declared: dict[int, set[str]] = defaultdict(set)
    for d in m.EvidenceDeclaration.objects.filter(subject_id__in=subject_ids, provided=True):
        declared[d.subject_id].add(d.kind)
    tables = {model: _rows(model, subject_ids) for model in (*m.ROW_MODELS.values(), m.Proof)}
    out = {}
    for exemplar_id in exemplar_ids:
        subject = subject_of.get(exemplar_id)
        sid = subject.pk if subject else None
        out[exemplar_id] = Evidence(
            subject=subject,
            declared=declared.get(sid, set()),
            rows={model: rows.get(sid, []) for model, rows in tables.items()},
        )
    return out


def judgements_for(exemplar_ids: Sequence[int]) -> dict[int, dict[str, m.Judgement]]:
    """The latest judgement per (exemplar, criterion)."""
    latest: dict[int, dict[str, m.Judgement]] = defaultdict(dict)
    query = m.Judgement.objects.filter(exemplar_id__in=exemplar_ids).select_related("recorded_by")
    for j in query.order_by("recorded_at", "pk"):
        latest[j.exemplar_id][j.criterion_code] = j
    return latest


def _who(user: Any) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def build_case(exemplar: Exemplar, year: int, ev: Evidence,
               judgements: dict[str, m.Judgement]) -> Case:
    values: dict[str, Any] = {"kind": exemplar.kind, "year": year,
                              "field": exemplar.field_key or None,
                              "rated": ev.subject.rated if ev.subject else None}
    if ev.provided(K.RATINGS, m.AnnualRating):
        values["ratings"] = {r.year: r.level for r in ev.of(m.AnnualRating)}
    if ev.provided(K.RECOGNITIONS, m.Recognition):
        values["recognitions"] = [_document(r, r.content) for r in ev.of(m.Recognition)]
    if ev.provided(K.CULTURAL_FAMILY, m.CulturalFamilyYear):
        values["cultural_family_years"] = {r.year for r in ev.of(m.CulturalFamilyYear)}
    if ev.provided(K.VIOLATIONS, m.Violation):
        values["violations"] = [Violation(year=v.year, kind=v.kind, member=v.member_name or None)
                                for v in ev.of(m.Violation)]
    cchc = _cchc(ev)
    if cchc is not None:
        values["cchc"] = cchc
    if ev.provided(K.CCHC_INITIATIVE, m.CchcInitiative):
        values["cchc_initiative"] = any(i.recognised for i in ev.of(m.CchcInitiative))
    if ev.provided(K.BUSINESS, m.BusinessResult):
        business: dict[int, dict[str, Figure]] = defaultdict(dict)
        for b in ev.of(m.BusinessResult):
            business[b.year][b.metric] = Figure(actual=b.actual, plan=b.plan)
        values["business"] = dict(business)
    if ev.provided(K.TAX_ARREARS, m.TaxArrears):
        arrears = ev.of(m.TaxArrears)  # ordered by as_of: the latest statement counts
        values["tax_arrears"] = arrears[-1].amount if arrears else 0.0
    production = ev.of(m.HouseholdProduction)
    if production:
        p = production[-1]
        values["household_production"] = HouseholdProduction(
            p.stable_since, p.households_helped, p.jobs_created)
    if ev.provided(K.CHARITY, m.CharityCommendation):
        values["charity_commendations"] = [_document(c, None)
                                           for c in ev.of(m.CharityCommendation)]
    values["judgements"] = {
        code: CaseJudgement(passed=j.passed, by=_who(j.recorded_by),
                            at=timezone.localtime(j.recorded_at).isoformat(), note=j.note)
        for code, j in judgements.items()
    }
    return Case(**values)


def _document(row: Any, content: str | None) -> Document:
    return Document(number=row.number, date=row.date.isoformat() if row.date else None,
                    authority=row.authority, content=content or None)


def _cchc(ev: Evidence) -> dict[int, CchcYear] | None:
    has_results = ev.provided(K.CCHC, m.AdminReformResult)
    has_disciplines = ev.provided(K.DISCIPLINES, m.Discipline)
    if not (has_results or has_disciplines):
        return None
    levels: dict[int, list[str]] = defaultdict(list)
    for d in ev.of(m.Discipline):
        levels[d.year].append(d.level)
    results = {r.year: r for r in ev.of(m.AdminReformResult)}
    out = {}
    for year in sorted(set(results) | set(levels)):
        r = results.get(year)
        out[year] = CchcYear(
            par_index=r.par_index if r else None,
            satisfaction=r.satisfaction if r else None,
            overdue_dossiers=r.overdue_dossiers if r else None,
            disciplines=tuple(levels.get(year, ())) if has_disciplines else None,
        )
    return out


def cases_for(exemplars: Sequence[Exemplar], year: int | None = None) -> dict[int, Case]:
    """Each exemplar's :class:`Case` for proposal year ``year`` (default: its campaign's).

    Constant queries: the exemplars must come with ``registration__campaign`` when ``year`` is
    not given (``select_related``), as every selector in this module does.
    """
    ids = [e.pk for e in exemplars]
    evidence, judgements = evidence_for(ids), judgements_for(ids)
    return {
        e.pk: build_case(e, year or e.registration.campaign.proposal_year, evidence[e.pk],
                         judgements.get(e.pk, {}))
        for e in exemplars
    }


def evaluate_exemplars(campaign: Campaign, exemplars: Sequence[Exemplar]) -> dict[int, Verdict]:
    evaluator: Evaluator = evaluator_for(campaign.pack.pack)
    cases = cases_for(exemplars, campaign.proposal_year)
    return {pk: evaluator.evaluate(case) for pk, case in cases.items()}


def campaign_exemplars(campaign: Campaign, *, unit_id: int | None = None,
                       field_key: str = "", kind: str = ""):
    query = Exemplar.objects.filter(registration__campaign=campaign).select_related(
        "registration__unit").order_by("registration__unit__sort_key", "kind", "position", "pk")
    if unit_id:
        query = query.filter(registration__unit_id=unit_id)
    if field_key:
        query = query.filter(field_key=field_key)
    if kind:
        query = query.filter(kind=kind)
    return query


def evaluated_in_batches(campaign: Campaign, exemplars, batch_size: int = 2000
                         ) -> Iterator[tuple[Exemplar, Verdict]]:
    """Stream ``(exemplar, verdict)`` over a queryset, ``batch_size`` exemplars at a time."""
    last_pk = 0
    base = exemplars.order_by("pk")
    while True:
        batch = list(base.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        verdicts = evaluate_exemplars(campaign, batch)
        for exemplar in batch:
            yield exemplar, verdicts[exemplar.pk]
        last_pk = batch[-1].pk
