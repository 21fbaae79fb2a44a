"""A guard against gross slow-downs (say an accidental quadratic loop), not a benchmark: the
budget is ~20x the measured time so a busy CI machine does not fail it. The measured figures
(100,000 cases) are in ``docs/evaluation.md``."""

import random
import time

from evaluation.engine.case import Case
from tests.evaluation.helpers import EVALUATOR, WINDOW, Y

KINDS = ["collective", "individual", "household", "model"]
FIELDS = ["k", "n", "m", "a", "c1"]


def synthetic_case(rng: random.Random, i: int) -> dict:
    """Five years of every kind of evidence, varied so that every status occurs."""
    levels = ["xuat_sac", "tot", "tot", "tot", "hoan_thanh"]
    return {
        "kind": KINDS[i % 4], "field": FIELDS[i % 5], "year": Y,
        "rated": [True, False, None][i % 3],
        "ratings": {str(y): rng.choice(levels) for y in WINDOW},
        "recognitions": [{"number": f"{i}/QĐ-UBND", "date": "2024-01-02"}] if i % 2 else [],
        "cultural_family_years": WINDOW,
        "violations": [{"year": Y - rng.randint(0, 6), "kind": "traffic"}] if i % 7 == 0 else [],
        "cchc": {str(y): {"par_index": rng.uniform(80, 95), "satisfaction": rng.uniform(90, 99),
                          "overdue_dossiers": rng.randint(0, 1), "disciplines": []}
                 for y in WINDOW},
        "cchc_initiative": True,
        "business": {str(y): {m: {"actual": rng.uniform(90, 110), "plan": 100}
                              for m in ("revenue", "budget", "profit")} for y in WINDOW},
        "tax_arrears": 0,
        "household_production": {"stable_since": Y - 3, "households_helped": 3, "jobs_created": 6},
        "charity_commendations": [{"number": "2/QĐ"}],
        # G3 left for review in a third of the cases, so that every verdict occurs
        "judgements": {"G1": True, "G2": True, f"F-{FIELDS[i % 5]}": True}
        | ({"G3": True} if i % 3 else {}),
    }


def test_five_thousand_cases_parse_and_evaluate_quickly():
    rng = random.Random(4)
    data = [synthetic_case(rng, i) for i in range(5_000)]
    started = time.perf_counter()
    cases = [Case.from_json(d, vocabulary=EVALUATOR.vocabulary) for d in data]
    verdicts = EVALUATOR.evaluate_many(cases)
    elapsed = time.perf_counter() - started
    assert len(verdicts) == 5_000
    assert {v.eligible for v in verdicts} == {False, None, True}
    assert elapsed < 8, f"5.000 hồ sơ mất {elapsed:.1f} s"
