"""The measures: one small function per ``criterion.measure``, all thresholds from the pack.

Each measure takes a compiled :class:`Rule` (the criterion, its params parsed with the schema
of ``guidance.measures`` — the one contract between packs and the engine — and the pack's
scales) and a :class:`~evaluation.engine.case.Case`, and returns ``(status, reason)``. The
``@measure`` decorator registers it in :data:`MEASURES`; a test checks that every measure a
pack may name has a function. The functions live in ``general_measures`` (criteria for every
field) and ``field_measures`` (administrative reform, production and business, charity).

The order of checks inside a measure is always the same: a known fact that fails the criterion
wins; then missing evidence makes it ``unknown``; only then can it pass. This is what makes the
verdicts monotone (better evidence never turns a pass into a fail).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from evaluation.engine import text as t
from evaluation.engine.case import Case
from guidance.pack import Criterion, Level


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"  # evidence missing
    NEEDS_REVIEW = "needs_review"  # a judgement not yet recorded


PASS, FAIL, UNKNOWN, NEEDS_REVIEW = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NEEDS_REVIEW
Outcome = tuple[Status, str]


@dataclass(frozen=True, slots=True)
class Scale:
    """An ordered scale of the pack (ratings, disciplines): rank and label by key."""

    ranks: Mapping[str, int]
    labels: Mapping[str, str]

    @classmethod
    def of(cls, levels: list[Level]) -> "Scale":
        return cls({lv.key: lv.rank for lv in levels}, {lv.key: lv.label for lv in levels})

    def label(self, key: str) -> str:
        return t.quoted(self.labels.get(key, key))


@dataclass(frozen=True, slots=True)
class Rule:
    """A criterion ready to evaluate: its params validated once, the pack's scales at hand."""

    criterion: Criterion
    params: Any  # an instance of guidance.measures.MEASURES[criterion.measure]
    ratings: Scale
    disciplines: Scale

    @property
    def code(self) -> str:
        return self.criterion.code


Measure = Callable[[Rule, Case], Outcome]

MEASURES: dict[str, Measure] = {}


def measure(name: str) -> Callable[[Measure], Measure]:
    """Register a measure function under the name packs use in ``criterion.measure``."""

    def register(function: Measure) -> Measure:
        MEASURES[name] = function
        return function

    return register

