"""The fast evidence loader (``evaluation.loading``): same cases as the model-based reads, in a
constant number of queries.

The reference below is the previous implementation of ``cases_for`` — model instances from
``selectors.evidence_for`` / ``judgements_for`` turned into a ``Case`` — kept here verbatim so
that any difference in absent-vs-empty, ordering, "latest wins" or the rated flag shows up.
"""

import datetime
import gc
from collections import defaultdict
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation import evidence, selectors
from evaluation import models as m
from evaluation.engine import evaluator_for
from evaluation.engine.case import Case, CchcYear, Document, Figure, HouseholdProduction, Violation
from evaluation.engine.case import Judgement as CaseJudgement
from evaluation.evidence import EvidenceKind
from registry.models import Exemplar
from tests.factories import ExemplarFactory, RegistrationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
K = EvidenceKind


# --- the previous implementation, as the reference ---------------------------------------------


def _who(user: Any) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def _document(row: Any, content: str | None) -> Document:
    return Document(number=row.number, date=row.date.isoformat() if row.date else None,
                    authority=row.authority, content=content or None)


def _cchc(ev: selectors.Evidence) -> dict[int, CchcYear] | None:
    has_results = ev.provided(K.CCHC)
    has_disciplines = ev.provided(K.DISCIPLINES)
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


def reference_case(exemplar: Exemplar, year: int, ev: selectors.Evidence,
                   judgements: dict[str, m.Judgement]) -> Case:
    values: dict[str, Any] = {"kind": exemplar.kind, "year": year,
                              "field": exemplar.field_key or None,
                              "rated": ev.subject.rated if ev.subject else None}
    if ev.provided(K.RATINGS):
        values["ratings"] = {r.year: r.level for r in ev.of(m.AnnualRating)}
    if ev.provided(K.RECOGNITIONS):
        values["recognitions"] = [_document(r, r.content) for r in ev.of(m.Recognition)]
    if ev.provided(K.CULTURAL_FAMILY):
        values["cultural_family_years"] = {r.year for r in ev.of(m.CulturalFamilyYear)}
    if ev.provided(K.VIOLATIONS):
        values["violations"] = [Violation(year=v.year, kind=v.kind, member=v.member_name or None)
                                for v in ev.of(m.Violation)]
    cchc = _cchc(ev)
    if cchc is not None:
        values["cchc"] = cchc
    if ev.provided(K.CCHC_INITIATIVE):
        values["cchc_initiative"] = any(i.recognised for i in ev.of(m.CchcInitiative))
    if ev.provided(K.BUSINESS):
        business: dict[int, dict[str, Figure]] = defaultdict(dict)
        for b in ev.of(m.BusinessResult):
            business[b.year][b.metric] = Figure(actual=b.actual, plan=b.plan)
        values["business"] = dict(business)
    if ev.provided(K.TAX_ARREARS):
        arrears = ev.of(m.TaxArrears)
        values["tax_arrears"] = arrears[-1].amount if arrears else 0.0
    production = ev.of(m.HouseholdProduction)
    if production:
        p = production[-1]
        values["household_production"] = HouseholdProduction(
            p.stable_since, p.households_helped, p.jobs_created)
    if ev.provided(K.CHARITY):
        values["charity_commendations"] = [_document(c, None)
                                           for c in ev.of(m.CharityCommendation)]
    values["judgements"] = {
        code: CaseJudgement(passed=j.passed, by=_who(j.recorded_by),
                            at=timezone.localtime(j.recorded_at).isoformat(), note=j.note)
        for code, j in judgements.items()
    }
    return Case(**values)


def reference_cases(exemplars: list[Exemplar], year: int) -> dict[int, Case]:
    ids = [e.pk for e in exemplars]
    evidence, judgements = selectors.evidence_for(ids), selectors.judgements_for(ids)
    return {e.pk: reference_case(e, year, evidence[e.pk], judgements.get(e.pk, {}))
            for e in exemplars}


# --- a varied dataset ---------------------------------------------------------------------------


def _subject(exemplar: Exemplar, rated: bool | None = None) -> m.Subject:
    subject = m.Subject.objects.create(kind=exemplar.kind, name=exemplar.name, rated=rated)
    m.ExemplarSubject.objects.create(exemplar=exemplar, subject=subject)
    return subject


def _declare(subject: m.Subject, *kinds: str, provided: bool = True) -> None:
    for kind in kinds:
        m.EvidenceDeclaration.objects.create(subject=subject, kind=kind, provided=provided)


def _everything(s: m.Subject) -> None:
    """Every kind of evidence, with the orderings that matter given out of order."""
    for year, level in [(2025, "xuat_sac"), (2021, "tot"), (2023, "hoan_thanh"), (2022, "tot"),
                        (2024, "tot")]:
        m.AnnualRating.objects.create(subject=s, year=year, level=level)
    m.Recognition.objects.create(subject=s, number="9/QĐ", date=datetime.date(2024, 5, 1),
                                 authority="UBND tỉnh", content="")
    m.Recognition.objects.create(subject=s, number="3/QĐ", date=None, authority="Bộ Nội vụ",
                                 content="Công nhận sáng kiến")
    m.Recognition.objects.create(subject=s, number="1/QĐ", date=datetime.date(2022, 1, 3),
                                 authority="", content="Khen")
    for year in (2025, 2021, 2023):
        m.CulturalFamilyYear.objects.create(subject=s, year=year)
    m.Violation.objects.create(subject=s, year=2024, kind="traffic", member_name="")
    m.Violation.objects.create(subject=s, year=2020, kind="law", member_name="Con trai")
    m.Violation.objects.create(subject=s, year=2024, kind="social_evil", member_name="Chồng")
    m.AdminReformResult.objects.create(subject=s, year=2025, par_index=91.5, satisfaction=None,
                                       overdue_dossiers=0)
    m.AdminReformResult.objects.create(subject=s, year=2024, par_index=None, satisfaction=96.0,
                                       overdue_dossiers=None)
    m.Discipline.objects.create(subject=s, year=2025, level="canh_cao")
    m.Discipline.objects.create(subject=s, year=2025, level="khien_trach")
    m.Discipline.objects.create(subject=s, year=2023, level="khien_trach")  # a year w/o results
    m.CchcInitiative.objects.create(subject=s, recognised=False, note="chưa")
    m.CchcInitiative.objects.create(subject=s, recognised=True, note="mô hình thí điểm")
    for year, metric, actual, plan in [(2025, "revenue", 12.0, 10.0), (2025, "budget", 3.0, None),
                                       (2024, "profit", 1.5, 2.0), (2025, "profit", -1.0, 0.0),
                                       (2024, "revenue", 9.0, 9.0)]:
        m.BusinessResult.objects.create(subject=s, year=year, metric=metric, actual=actual,
                                        plan=plan)
    m.TaxArrears.objects.create(subject=s, amount=5.0, as_of=datetime.date(2025, 6, 30))
    m.TaxArrears.objects.create(subject=s, amount=7.0, as_of=datetime.date(2024, 12, 31))
    m.HouseholdProduction.objects.create(subject=s, stable_since=2019, households_helped=1,
                                         jobs_created=None)
    m.HouseholdProduction.objects.create(subject=s, stable_since=2020, households_helped=3,
                                         jobs_created=6)
    m.CharityCommendation.objects.create(subject=s, number="77/QĐ", authority="Hội Chữ thập đỏ",
                                         date=datetime.date(2025, 2, 2))
    m.CharityCommendation.objects.create(subject=s, number="12/QĐ", authority="UBND huyện",
                                         date=None)
    _declare(s, K.RATINGS, K.VIOLATIONS)  # declared and with rows


def _judge(exemplar: Exemplar, code: str, passed: bool, user, minutes: int, note: str = ""):
    judgement = m.Judgement.objects.create(exemplar=exemplar, criterion_code=code, passed=passed,
                                           note=note, recorded_by=user)
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=minutes)
    m.Judgement.objects.filter(pk=judgement.pk).update(recorded_at=at)
    return judgement


def varied(world) -> list[Exemplar]:
    """Nine exemplars covering every evidence kind, absent, empty, judgements and rated."""
    reg_a, reg_b = world.registration_a, world.registration_b
    other = RegistrationFactory(unit=UnitFactory(name="Huyện Khác"))  # another campaign
    made = {
        "full": ExemplarFactory(registration=reg_a, kind="individual", field_key="n"),
        "empty": ExemplarFactory(registration=reg_b, kind="household", field_key="n"),
        "unlinked": ExemplarFactory(registration=reg_b, kind="collective", field_key="k"),
        "disciplines": ExemplarFactory(registration=reg_a, kind="collective", field_key="k"),
        "cchc_only": ExemplarFactory(registration=reg_a, kind="collective", field_key="k"),
        "judged": ExemplarFactory(registration=reg_b, kind="individual", field_key=""),
        "model": ExemplarFactory(registration=reg_b, kind="model", field_key="m"),
        "shared": ExemplarFactory(registration=reg_a, kind="household", field_key="m"),
        "not_provided": ExemplarFactory(registration=reg_a, kind="household", field_key="m"),
    }
    _everything(_subject(made["full"], rated=True))
    _declare(_subject(made["empty"]), *K.values)  # every kind provided, none with a row
    disciplines = _subject(made["disciplines"], rated=False)
    _declare(disciplines, K.CCHC)
    m.Discipline.objects.create(subject=disciplines, year=2025, level="khien_trach")
    cchc = _subject(made["cchc_only"], rated=True)
    m.AdminReformResult.objects.create(subject=cchc, year=2025, par_index=80.0,
                                       satisfaction=99.0, overdue_dossiers=2)
    _subject(made["judged"], rated=None)
    _subject(made["model"])
    _declare(_subject(made["not_provided"]), K.RATINGS, K.CHARITY, provided=False)
    # The same household again in another campaign: the evidence is shared through the subject.
    again = ExemplarFactory(registration=other, kind="household", field_key="m")
    shared = _subject(made["shared"])
    m.ExemplarSubject.objects.create(exemplar=again, subject=shared)
    m.CulturalFamilyYear.objects.create(subject=shared, year=2025)
    _declare(shared, K.VIOLATIONS)

    named = UserFactory(full_name="Nguyễn Văn Thẩm")
    unnamed = UserFactory(full_name="", username="tham-dinh")
    gone = UserFactory()
    _judge(made["judged"], "G1", True, named, 1, note="đạt")
    _judge(made["judged"], "G1", False, unnamed, 5, note="xem lại")  # the latest counts
    _judge(made["judged"], "G2", True, gone, 2)
    _judge(made["judged"], "G3", True, named, 3)
    _judge(made["judged"], "G3", False, named, 3)  # same instant: the larger pk counts
    _judge(made["full"], "F-n", True, unnamed, 4)
    _judge(again, "G1", False, named, 6)  # another campaign's review of the same subject
    gone.delete()
    return list(Exemplar.objects.filter(pk__in=[e.pk for e in made.values()])
                .select_related("registration__campaign").order_by("pk"))


# --- same results ------------------------------------------------------------------------------


def test_cases_equal_the_previous_implementation(world):
    exemplars = varied(world)
    year = world.campaign.proposal_year
    expected = reference_cases(exemplars, year)
    assert selectors.cases_for(exemplars) == expected
    assert selectors.cases_for(exemplars, year) == expected
    # the dataset does exercise what it is meant to
    by_name = {e.pk: e for e in exemplars}
    kinds = {by_name[pk].kind for pk in expected}
    assert kinds == {"individual", "household", "collective", "model"}
    assert any(c.ratings is None for c in expected.values())
    assert any(c.recognitions == () for c in expected.values())
    assert any(c.tax_arrears == 0.0 for c in expected.values())
    assert any(c.cchc and any(y.disciplines is None for y in c.cchc.values())
               for c in expected.values())
    assert {c.rated for c in expected.values()} == {True, False, None}
    assert any(len(c.judgements) == 3 for c in expected.values())


def test_each_exemplar_alone_gives_the_same_case(world):
    exemplars = varied(world)
    expected = reference_cases(exemplars, world.campaign.proposal_year)
    for exemplar in exemplars:
        assert selectors.cases_for([exemplar]) == {exemplar.pk: expected[exemplar.pk]}


def test_long_lists_are_read_in_chunks_with_the_same_result(world, monkeypatch):
    exemplars = varied(world)
    monkeypatch.setattr(selectors, "MAX_IDS", 2)
    assert selectors.cases_for(exemplars) == reference_cases(exemplars,
                                                             world.campaign.proposal_year)


@pytest.mark.parametrize("batch_size", [1, 4, 5000])
def test_batches_give_the_same_verdicts(world, batch_size):
    exemplars = varied(world)
    campaign = world.campaign
    evaluator = evaluator_for(campaign.pack.pack)
    everyone = list(selectors.campaign_exemplars(campaign).select_related("registration__campaign")
                    .order_by("pk"))
    expected = {pk: evaluator.evaluate(case).to_json()
                for pk, case in reference_cases(everyone, campaign.proposal_year).items()}
    got = [(e, v) for e, v in selectors.evaluated_in_batches(
        campaign, selectors.campaign_exemplars(campaign), batch_size)]
    assert [e.pk for e, _ in got] == [e.pk for e in everyone]  # this campaign only, pk order
    assert {e.pk: v.to_json() for e, v in got} == expected
    assert set(expected) > {e.pk for e in exemplars if e.registration.campaign == campaign}
    # the caller's select_related is honoured: units are at hand without a query
    with CaptureQueriesContext(connection) as queries:
        assert all(e.registration.unit.code is not None for e, _ in got)
    assert len(queries) == 0


def test_a_filtered_queryset_is_evaluated_alone(world):
    varied(world)
    campaign = world.campaign
    households = selectors.campaign_exemplars(campaign, kind="household")
    got = list(selectors.evaluated_in_batches(campaign, households, batch_size=2))
    wanted = list(households.select_related("registration__campaign").order_by("pk"))
    assert [e.pk for e, _ in got] == [e.pk for e in wanted]
    evaluator = evaluator_for(campaign.pack.pack)
    expected = reference_cases(wanted, campaign.proposal_year)
    assert [v.to_json() for _, v in got] == [evaluator.evaluate(expected[e.pk]).to_json()
                                             for e in wanted]


# --- constant queries --------------------------------------------------------------------------


def _copies(world, n: int) -> list[Exemplar]:
    made = [ExemplarFactory(registration=world.registration_a, kind="household", field_key="m")
            for _ in range(n)]
    for exemplar in made:
        _everything(_subject(exemplar))
        _judge(exemplar, "G1", True, world.users["standing"], 1)
    return list(Exemplar.objects.filter(pk__in=[e.pk for e in made])
                .select_related("registration__campaign"))


def test_cases_for_query_count_is_the_same_for_1_and_50_exemplars(world):
    counts = []
    for batch in (_copies(world, 1), _copies(world, 50)):
        with CaptureQueriesContext(connection) as queries:
            cases = selectors.cases_for(batch)
        counts.append(len(queries))
        assert len(cases) == len(batch)
        assert all(c.ratings[2025] == "xuat_sac" and c.judgements["G1"].passed
                   for c in cases.values())
    assert counts[0] == counts[1]
    # links, declarations, 11 evidence tables, judgements, their users, and the award history's
    # links for G5 and M1 (evaluation.external; its records are read only for linked exemplars),
    # and the subjects the matching rule finds for exemplars not linked yet
    assert counts[0] == 15 + 2 + 1


def test_a_batch_query_count_is_the_same_for_1_and_50_exemplars(world):
    campaign = world.campaign
    counts = []
    for batch in (_copies(world, 1), _copies(world, 50)):
        chosen = selectors.campaign_exemplars(campaign).filter(pk__in=[e.pk for e in batch])
        with CaptureQueriesContext(connection) as queries:
            got = list(selectors.evaluated_in_batches(campaign, chosen, batch_size=100))
        counts.append(len(queries))
        assert len(got) == len(batch)
    assert counts[0] == counts[1]
    # one batch: exemplars, registrations, units, the 17 loader queries; then the empty batch
    assert counts[0] == 1 + 2 + 17 + 1 + 1  # + the subjects matching unlinked exemplars


def test_evaluate_exemplars_query_count_is_the_same_for_1_and_50(world):
    counts = []
    for batch in (_copies(world, 1), _copies(world, 50)):
        with CaptureQueriesContext(connection) as queries:
            verdicts = selectors.evaluate_exemplars(world.campaign, batch)
        counts.append(len(queries))
        assert set(verdicts) == {e.pk for e in batch}
    assert counts[0] == counts[1]


# --- the collector -----------------------------------------------------------------------------


def test_the_collector_is_paused_only_while_a_batch_is_built(world):
    varied(world)
    campaign = world.campaign
    assert gc.isenabled()
    states = [gc.isenabled() for _ in selectors.evaluated_in_batches(
        campaign, selectors.campaign_exemplars(campaign), batch_size=2)]
    assert states and all(states)  # the caller's loop runs with the collector on
    assert gc.isenabled()
    gc.disable()
    try:
        list(selectors.evaluated_in_batches(campaign, selectors.campaign_exemplars(campaign)))
        assert not gc.isenabled()  # a collector the caller paused stays paused
    finally:
        gc.enable()


# --- the page's read and the loader: one definition of "provided" ------------------------------


def _page_cases(exemplars: list[Exemplar], year: int) -> dict[int, Case]:
    ids = [e.pk for e in exemplars]
    read, judgements = selectors.evidence_for(ids), selectors.judgements_for(ids)
    return {e.pk: read[e.pk].case(kind=e.kind, field=e.field_key, year=year,
                                  judgements=judgements.get(e.pk, {}))
            for e in exemplars}


def test_the_page_read_builds_the_same_cases_as_the_loader(world):
    exemplars = varied(world)
    year = world.campaign.proposal_year
    assert _page_cases(exemplars, year) == selectors.cases_for(exemplars, year)


def test_provided_is_one_rule_for_the_page_and_the_loader(world, monkeypatch):
    """Both reads ask ``evidence.provided``: a different rule changes both alike."""
    exemplars = varied(world)
    year = world.campaign.proposal_year
    read = selectors.evidence_for([e.pk for e in exemplars])
    loader = selectors.cases_for(exemplars, year)
    # every kind's section says "provided" exactly when the loader's case has it (the kinds
    # whose value needs rows aside: a production declared without a record stays absent)
    for e in exemplars:
        for kind, t in evidence.BY_KIND.items():
            value = getattr(loader[e.pk], t.attribute)
            if t.empty is not None and t.attribute not in evidence.COMBINED:
                assert read[e.pk].provided(kind) == (value is not None), (e.pk, kind)

    monkeypatch.setattr(evidence, "provided", lambda kind, declared, has_rows: has_rows)
    rows_only = selectors.cases_for(exemplars, year)
    assert rows_only != loader  # declared-but-empty kinds are now absent…
    assert _page_cases(exemplars, year) == rows_only  # …on the page alike
    assert not selectors.evidence_for([e.pk for e in exemplars])[exemplars[1].pk].provided(
        K.RATINGS)
