"""Reads for evaluation: many exemplars' evidence in a constant number of queries.

``cases_for`` and ``evaluated_in_batches`` read through :mod:`evaluation.loading` (tuples from
``values_list``, one query per evidence table, ``Case`` objects built directly): the same
number of queries for 1 or 5,000 exemplars. ``evidence_for`` / ``judgements_for`` return model
instances for the exemplar page, which lists and deletes rows and builds its case from the same
read (``Evidence.case``, with the loader's ``evidence.case_attributes``), so each evidence query
runs once per page. ``evaluate_exemplars`` feeds the cases to the plain-Python engine.
"""

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from evaluation import evidence, external
from evaluation import models as m
from evaluation.engine import Evaluator, Verdict, evaluator_for
from evaluation.engine.case import Case
from evaluation.loading import MAX_IDS, Loaded, case_judgement, who
from guidance.models import Campaign, CampaignStatus
from registry.enums import SENT_STATES
from registry.models import Exemplar


def _rows(model: type, subject_ids: Iterable[int]) -> dict[int, list[Any]]:
    query = model.objects.filter(subject_id__in=subject_ids)
    by_subject: dict[int, list[Any]] = defaultdict(list)
    for row in query:
        by_subject[row.subject_id].append(row)
    return by_subject


def evidence_types_shown(evaluator: Evaluator, case: Case,
                         found: "Evidence") -> list[evidence.EvidenceType]:
    """The kinds of evidence the exemplar's page asks for: those the criteria applying to its
    kind, field and rating read (``evidence.MEASURE_KINDS``), and any kind that already holds
    rows or was declared — what was entered is never hidden. While it is not yet said whether
    the exemplar is subject to annual rating, the kinds of both answers are asked for (ratings
    if rated, recognitions if not)."""
    cases = [case] if case.rated is not None else [replace(case, rated=True),
                                                     replace(case, rated=False)]
    needed = evidence.kinds_read_by(r.criterion.measure for one in cases
                                    for r in evaluator.applicable_rules(one))
    return [t for t in evidence.EVIDENCE_TYPES
            if t.kind in needed or t.kind in found.declared or found.of(t.model)]


@dataclass
class Evidence:
    """All rows of one subject, grouped by model: what the evaluation page lists, and its case."""

    subject: m.Subject | None
    declared: set[str]
    rows: dict[type, list[Any]]
    # Documents kept by apps above evaluation (``evaluation.external``): {kind: documents}.
    external: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def of(self, model: type) -> list[Any]:
        return self.rows.get(model, [])

    def provided(self, kind: str) -> bool:
        return (evidence.provided(kind, self.declared, bool(self.of(evidence.BY_KIND[kind].model)))
                or bool(self.external.get(kind)))

    def case(self, *, kind: str, field: str | None, year: int,
             judgements: Mapping[str, m.Judgement]) -> Case:
        """The engine's case from these rows — built exactly as the fast loader builds it."""
        sid = self.subject.pk if self.subject else None
        collected = {t.kind: t.collect([(row.subject_id, *(getattr(row, c) for c in t.columns))
                                        for row in self.of(t.model)])
                     for t in evidence.EVIDENCE_TYPES}
        attributes = evidence.case_attributes(collected, sid, self.declared)
        for name, docs in self.external.items():
            external.add(attributes, name, docs)
        return Case(
            kind=kind, year=year, field=field or None,
            rated=self.subject.rated if self.subject else None, **attributes,
            judgements={code: case_judgement(j.passed, who(j.recorded_by), j.recorded_at, j.note)
                        for code, j in judgements.items()},
        )


def evidence_for(exemplar_ids: Sequence[int]) -> dict[int, Evidence]:
    links = m.ExemplarSubject.objects.filter(exemplar_id__in=exemplar_ids).select_related("subject")
    subject_of = {link.exemplar_id: link.subject for link in links}
    subject_ids = {s.pk for s in subject_of.values()}
    declared: dict[int, set[str]] = defaultdict(set)
    for d in m.EvidenceDeclaration.objects.filter(subject_id__in=subject_ids, provided=True):
        declared[d.subject_id].add(d.kind)
    models = (*(t.model for t in evidence.EVIDENCE_TYPES), m.Proof)
    tables = {model: _rows(model, subject_ids) for model in models}
    kept = external.documents_for(list(exemplar_ids))
    out = {}
    for exemplar_id in exemplar_ids:
        subject = subject_of.get(exemplar_id)
        sid = subject.pk if subject else None
        out[exemplar_id] = Evidence(
            subject=subject,
            declared=declared.get(sid, set()),
            rows={model: rows.get(sid, []) for model, rows in tables.items()},
            external={kind: docs[exemplar_id] for kind, docs in kept.items()
                      if exemplar_id in docs},
        )
    return out


def judgements_for(exemplar_ids: Sequence[int]) -> dict[int, dict[str, m.Judgement]]:
    """The latest judgement per (exemplar, criterion)."""
    latest: dict[int, dict[str, m.Judgement]] = defaultdict(dict)
    query = m.Judgement.objects.filter(exemplar_id__in=exemplar_ids).select_related("recorded_by")
    for j in query.order_by("recorded_at", "pk"):
        latest[j.exemplar_id][j.criterion_code] = j
    return latest


def cases_for(exemplars: Sequence[Exemplar], year: int | None = None) -> dict[int, Case]:
    """Each exemplar's :class:`Case` for proposal year ``year`` (default: its campaign's).

    Constant queries (see :mod:`evaluation.loading`): the exemplars must come with
    ``registration__campaign`` when ``year`` is not given (``select_related``), as every
    selector in this module does. A list longer than ``loading.MAX_IDS`` is read in chunks.
    """
    out: dict[int, Case] = {}
    for start in range(0, len(exemplars), MAX_IDS):
        chunk = exemplars[start:start + MAX_IDS]
        loaded = Loaded([e.pk for e in chunk])
        for e in chunk:
            out[e.pk] = loaded.case(e.pk, e.kind, e.field_key,
                                    year or e.registration.campaign.proposal_year)
    return out


def evaluate_exemplars(campaign: Campaign, exemplars: Sequence[Exemplar]) -> dict[int, Verdict]:
    evaluator: Evaluator = evaluator_for(campaign.pack.pack)
    cases = cases_for(exemplars, campaign.proposal_year)
    return {pk: evaluator.evaluate(case) for pk, case in cases.items()}


def campaign_exemplars(campaign: Campaign, *, unit_id: int | None = None,
                       field_key: str = "", kind: str = "", state: str = ""):
    query = Exemplar.objects.filter(registration__campaign=campaign).select_related(
        "registration__unit").order_by("registration__unit__sort_key", "kind", "position", "pk")
    if unit_id:
        query = query.filter(registration__unit_id=unit_id)
    if field_key:
        query = query.filter(field_key=field_key)
    if kind:
        query = query.filter(kind=kind)
    if state:
        query = query.filter(state=state)
    return query


def evaluated_in_batches(campaign: Campaign, exemplars, batch_size: int = 5000
                         ) -> Iterator[tuple[Exemplar, Verdict]]:
    """Stream ``(exemplar, verdict)`` over a queryset, ``batch_size`` exemplars at a time.

    Per batch: one query for the exemplars (the caller's queryset, so its ``select_related``
    is kept, as a prefetch — see ``_prefetching``), then the constant set of
    :mod:`evaluation.loading` queries, each restricted by a subquery on the same queryset and
    primary-key range — no id list, whatever the batch size. One :class:`Evaluator` serves the
    whole campaign.
    """
    evaluator: Evaluator = evaluator_for(campaign.pack.pack)
    year = campaign.proposal_year
    base = _prefetching(exemplars).order_by("pk")
    last_pk = 0
    while True:
        # The cyclic garbage collector is paused while a batch is built and evaluated. The
        # batch allocates a few hundred thousand small container objects (row tuples, dicts,
        # the Case parts, the verdicts) that all stay alive until the batch is done; with the
        # collector on, every 700 allocations trigger a collection that traverses these young
        # objects again, and the older generations are re-scanned as they grow (the cost is
        # in docs/benchmarks.md). None of these objects form reference cycles, so reference
        # counting frees them all. The collector is restored before the batch is yielded —
        # the caller's loop runs with it on — and a collector the caller had disabled stays
        # disabled.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            batch = list(base.filter(pk__gt=last_pk)[:batch_size])
            if not batch:
                return
            first, last = batch[0].pk, batch[-1].pk
            loaded = Loaded(base.filter(pk__gte=first, pk__lte=last), within=(first, last))
            verdicts = evaluator.evaluate_many(
                loaded.case(e.pk, e.kind, e.field_key, year) for e in batch)
        finally:
            if was_enabled:
                gc.enable()
        yield from zip(batch, verdicts, strict=True)
        last_pk = last


def _prefetching(exemplars):
    """The queryset with its ``select_related`` turned into ``prefetch_related``.

    A batch of 5,000 exemplars belongs to a few hundred registrations: a join builds one
    Registration (and Unit) instance per exemplar row, a prefetch builds each once, in one more
    query per relation (the saving is in docs/benchmarks.md). Every exemplar still has its
    related objects at hand without a query.
    """
    related = exemplars.query.select_related
    if not isinstance(related, dict) or not related:
        return exemplars  # nothing, or ``select_related()`` with no names: left as it is
    return exemplars.select_related(None).prefetch_related(*_paths(related))


def _paths(tree: dict, prefix: str = "") -> Iterator[str]:
    for name, below in tree.items():
        if below:
            yield from _paths(below, f"{prefix}{name}__")
        else:
            yield f"{prefix}{name}"


@dataclass
class ExemplarEvaluation:
    """One exemplar's evaluation as its page shows it: the verdict and what it was built from."""

    exemplar: Exemplar
    evaluator: Evaluator
    evidence: Evidence
    judgements: dict[str, m.Judgement]
    case: Case
    verdict: Verdict

    def types_shown(self) -> list[evidence.EvidenceType]:
        return evidence_types_shown(self.evaluator, self.case, self.evidence)


def exemplar_evaluation(exemplar: Exemplar) -> ExemplarEvaluation:
    """The exemplar page's verdict (and the web API's), from one read of its evidence and
    judgements. ``exemplar`` comes with ``registration__campaign__pack``."""
    campaign = exemplar.registration.campaign
    evaluator = evaluator_for(campaign.pack.pack)
    judgements = judgements_for([exemplar.pk]).get(exemplar.pk, {})
    found = evidence_for([exemplar.pk])[exemplar.pk]
    case = found.case(kind=exemplar.kind, field=exemplar.field_key,
                      year=campaign.proposal_year, judgements=judgements)
    return ExemplarEvaluation(exemplar, evaluator, found, judgements, case,
                              evaluator.evaluate(case))


def shares_evidence_with_a_sent_registration(exemplar: Exemplar) -> bool:
    """Another entry about the exemplar's subject is in a registration sent to the standing
    office, in a campaign not closed: changing the shared evidence would change its verdicts."""
    return (m.ExemplarSubject.objects
            .filter(subject__exemplar_links__exemplar_id=exemplar.pk,
                    exemplar__registration__state__in=SENT_STATES)
            .exclude(exemplar_id=exemplar.pk)
            .exclude(exemplar__registration__campaign__status=CampaignStatus.CLOSED)
            .exists())
