"""Shared helpers: one evaluator for the contract pack, and cases written as the JSON input."""

from typing import Any

from evaluation.engine import CriterionResult, Evaluator, Verdict
from evaluation.engine.case import Case
from tests.evaluation.packdata import make_pack

Y = 2025  # the proposal year of every case below
WINDOW = [Y - 4, Y - 3, Y - 2, Y - 1, Y]
EVALUATOR = Evaluator(make_pack())


def case(**data: Any) -> Case:
    """A case from JSON-shaped keyword arguments; ``year`` defaults to :data:`Y`."""
    data.setdefault("year", Y)
    return Case.from_json(data, vocabulary=EVALUATOR.vocabulary)


def verdict(evaluator: Evaluator = EVALUATOR, **data: Any) -> Verdict:
    return evaluator.evaluate(case(**data))


def result(code: str, evaluator: Evaluator = EVALUATOR, **data: Any) -> CriterionResult:
    """The result of one criterion; fails the test if the criterion does not apply."""
    found = {r.code: r for r in verdict(evaluator, **data).criteria}
    assert code in found, f"{code} không áp dụng; áp dụng: {sorted(found)}"
    return found[code]


def codes(**data: Any) -> list[str]:
    return [r.code for r in verdict(**data).criteria]


def ratings(*levels: str, first: int = Y - 4) -> dict[str, str]:
    """``ratings("tot", "xuat_sac", …)`` → ``{"2021": "tot", "2022": "xuat_sac", …}``."""
    return {str(first + i): level for i, level in enumerate(levels) if level is not None}


def business(**per_metric: tuple[float | None, float | None, float | None]) -> dict:
    """``revenue=(actual Y, plan Y, actual Y-1)`` → the ``business`` JSON for years Y-1 and Y."""
    this_year: dict[str, dict] = {}
    last_year: dict[str, dict] = {}
    for metric, (actual, plan, previous) in per_metric.items():
        this_year[metric] = {k: v for k, v in (("actual", actual), ("plan", plan)) if v is not None}
        if previous is not None:
            last_year[metric] = {"actual": previous}
    out = {str(Y): this_year}
    if last_year:
        out[str(Y - 1)] = last_year
    return out
