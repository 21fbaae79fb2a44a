"""Property-based tests: better evidence never makes a verdict worse; any valid case evaluates.

Statuses are ordered fail < unknown < pass for the monotonicity checks: improving a fact may
turn a fail into anything, but must never turn a pass into a fail (nor unknown into fail).
"""

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from evaluation.engine import Status
from evaluation.engine.case import Case
from tests.evaluation.helpers import EVALUATOR, WINDOW, Y, case
from tests.evaluation.packdata import SELECTABLE_FIELDS

ORDER = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.NEEDS_REVIEW: 1, Status.PASS: 2}
RANKS = {level.key: level.rank for level in EVALUATOR.pack.ratings}
LEVELS = sorted(RANKS, key=RANKS.get)  # worst first
NEAR_YEARS = list(range(Y - 6, Y + 2))  # the window and a little around it


def status_of(code: str, data: dict) -> Status:
    return next(r.status for r in EVALUATOR.evaluate(case(**data)).criteria if r.code == code)


def eligible_order(data: dict) -> int:
    return {False: 0, None: 1, True: 2}[EVALUATOR.evaluate(case(**data)).eligible]


# --- G4: improving one year's rating ------------------------------------------------------------

ratings_strategy = st.dictionaries(st.sampled_from(NEAR_YEARS).map(str), st.sampled_from(LEVELS),
                                   max_size=len(NEAR_YEARS))


@given(ratings=ratings_strategy, data=st.data())
def test_improving_one_years_rating_never_turns_pass_into_fail(ratings, data):
    assume(ratings)
    year = data.draw(st.sampled_from(sorted(ratings)))
    better = [lv for lv in LEVELS if RANKS[lv] > RANKS[ratings[year]]]
    assume(better)
    improved = {**ratings, year: data.draw(st.sampled_from(better))}
    base = {"kind": "individual", "field": "a", "rated": True}
    before = status_of("G4", {**base, "ratings": ratings})
    after = status_of("G4", {**base, "ratings": improved})
    assert ORDER[after] >= ORDER[before]
    judged = {**base, "judgements": {"G1": True, "G2": True, "G3": True, "F-a": True}}
    assert eligible_order({**judged, "ratings": improved}) >= eligible_order(
        {**judged, "ratings": ratings})


# --- G6: adding a violation ---------------------------------------------------------------------

violation_strategy = st.fixed_dictionaries(
    {"year": st.sampled_from(NEAR_YEARS),
     "kind": st.sampled_from(["law", "traffic", "social_evil"])})


@given(
    years=st.lists(st.sampled_from(NEAR_YEARS), unique=True) | st.none(),
    violations=st.lists(violation_strategy, max_size=3),
    added=violation_strategy,
)
def test_adding_a_violation_never_turns_fail_into_pass(years, violations, added):
    base = {"kind": "household", "field": "n"}
    if years is not None:
        base["cultural_family_years"] = years
    before = status_of("G6", {**base, "violations": violations})
    after = status_of("G6", {**base, "violations": [*violations, added]})
    assert ORDER[after] <= ORDER[before]
    if before is Status.FAIL:
        assert after is Status.FAIL
    if WINDOW[0] <= added["year"] <= WINDOW[-1]:
        assert after is Status.FAIL


# --- K1/K2: raising an index --------------------------------------------------------------------

percent = st.floats(min_value=0, max_value=100, allow_nan=False)
cchc_strategy = st.dictionaries(
    st.sampled_from([Y - 2, Y - 1, Y]).map(str),
    st.fixed_dictionaries({}, optional={"par_index": percent, "satisfaction": percent}),
)


@given(cchc=cchc_strategy, data=st.data())
def test_raising_an_index_never_turns_pass_into_fail(cchc, data):
    known = [(y, m) for y, entry in cchc.items() for m in entry]
    assume(known)
    year, metric = data.draw(st.sampled_from(sorted(known)))
    raised_value = data.draw(st.floats(min_value=cchc[year][metric], max_value=100))
    raised = {**cchc, year: {**cchc[year], metric: raised_value}}
    code = "K1" if metric == "par_index" else "K2"
    base = {"kind": "collective", "field": "k", "rated": True}
    before = status_of(code, {**base, "cchc": cchc})
    after = status_of(code, {**base, "cchc": raised})
    assert ORDER[after] >= ORDER[before]


# --- any valid case ---------------------------------------------------------------------------

amount = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
document = st.fixed_dictionaries({}, optional={"number": st.text(min_size=1, max_size=8),
                                               "date": st.dates().map(str)})
year_keys = st.sampled_from(NEAR_YEARS).map(str)
case_strategy = st.fixed_dictionaries(
    {"kind": st.sampled_from(["collective", "individual", "household", "model"]),
     "year": st.just(Y)},
    optional={
        "field": st.sampled_from(SELECTABLE_FIELDS),
        "rated": st.booleans(),
        "ratings": ratings_strategy,
        "recognitions": st.lists(document, max_size=2),
        "cultural_family_years": st.lists(st.sampled_from(NEAR_YEARS), max_size=6),
        "violations": st.lists(violation_strategy, max_size=2),
        "cchc": st.dictionaries(year_keys, st.fixed_dictionaries({}, optional={
            "par_index": percent, "satisfaction": percent,
            "overdue_dossiers": st.integers(0, 5),
            "disciplines": st.lists(st.sampled_from(sorted(EVALUATOR.vocabulary.discipline_keys)),
                                    max_size=2)}), max_size=3),
        "cchc_initiative": st.booleans(),
        "business": st.dictionaries(year_keys, st.dictionaries(
            st.sampled_from(["revenue", "budget", "profit"]),
            st.fixed_dictionaries({}, optional={"actual": amount, "plan": amount})), max_size=3),
        "tax_arrears": st.floats(min_value=0, max_value=1e9),
        "household_production": st.fixed_dictionaries({}, optional={
            "stable_since": st.integers(Y - 10, Y + 1), "households_helped": st.integers(0, 9),
            "jobs_created": st.integers(0, 50)}),
        "charity_commendations": st.lists(document, max_size=2),
        "judgements": st.dictionaries(
            st.sampled_from(sorted(EVALUATOR.vocabulary.judgement_codes)), st.booleans(),
            max_size=4),
    },
)


@given(case_strategy)
def test_any_valid_case_evaluates_with_vietnamese_reasons(data):
    verdict = EVALUATOR.evaluate(case(**data))
    statuses = {r.status for r in verdict.criteria}
    assert statuses <= set(Status)
    expected = False if Status.FAIL in statuses else (
        True if statuses <= {Status.PASS} else None)
    assert verdict.eligible is expected
    for r in verdict.criteria:
        assert r.reason and r.reason[0].isupper(), r
        assert r.reason.endswith((".", ")")), r
        assert unicodedata.is_normalized("NFC", r.reason)


@given(case_strategy)
def test_to_json_round_trips(data):
    parsed = case(**data)
    assert Case.from_json(parsed.to_json(), vocabulary=EVALUATOR.vocabulary) == parsed
