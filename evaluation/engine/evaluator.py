"""The evaluator: a guidance pack's criteria applied to one exemplar's case (see the package)."""

import gc
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from evaluation.engine import field_measures, general_measures
from evaluation.engine.case import Case, Vocabulary
from evaluation.engine.measures import MEASURES, Measure, Rule, Scale, Status
from guidance.checks import format_loc
from guidance.measures import MEASURES as PARAM_SCHEMAS
from guidance.pack import Pack

# Collectives and individuals are usually subject to annual rating (cán bộ, công chức, đơn vị
# hành chính); a case that does not say so is treated as rated, and the reason says so.
RATED_BY_DEFAULT = frozenset({"collective", "individual"})
RATED_ASSUMED_NOTE = (
    " Hồ sơ chưa ghi rõ có thuộc diện đánh giá, xếp loại hằng năm hay không "
    "nên được xét như thuộc diện xếp loại."
)


class UnsupportedPack(ValueError):
    """The pack names a measure the engine does not know, or a measure's params are wrong."""


@dataclass(frozen=True, slots=True)
class CriterionResult:
    code: str
    status: Status
    reason: str
    group: str  # "general" or "field"
    text: str  # the criterion's text from the pack, for the checklist


@dataclass(frozen=True, slots=True)
class Verdict:
    """``eligible``: False if any applicable criterion fails; None if none fails but some are
    unknown or await a judgement; True if all pass."""

    eligible: bool | None
    criteria: list[CriterionResult]

    @property
    def outcome(self) -> str:
        """The campaign table's filter: eligible, not_eligible, missing_evidence or
        awaiting_judgement (missing evidence wins when both are pending)."""
        if self.eligible is not None:
            return "eligible" if self.eligible else "not_eligible"
        if any(r.status is Status.UNKNOWN for r in self.criteria):
            return "missing_evidence"
        return "awaiting_judgement"

    def to_json(self) -> dict[str, Any]:
        """The ``evaluate_case`` output: eligible and, per criterion, code, status and reason."""
        return {
            "eligible": self.eligible,
            "criteria": [
                {"code": r.code, "status": str(r.status), "reason": r.reason}
                for r in self.criteria
            ],
        }


@dataclass(frozen=True, slots=True)
class _Applicable:
    rule: Rule
    measure: Measure
    assumes_rated: bool  # the case did not say whether it is rated; the reason mentions it


def compile_rules(pack: Pack) -> list[Rule]:
    """One :class:`Rule` per criterion, its params parsed once with the pack contract's schema.

    A pack validated by ``Pack.model_validate`` has already passed these checks (``guidance.
    checks``); they are repeated here because a pack built with deferred checks, or a schema the
    engine does not implement yet, must fail loudly when the evaluator is built — not halfway
    through a campaign.
    """
    problems = pack.problems()
    if problems:
        listed = "; ".join(f"{format_loc(p['loc'])}: {p['msg']}" for p in problems)
        raise UnsupportedPack(f"Bộ hướng dẫn không hợp lệ: {listed}")
    ratings, disciplines = Scale.of(pack.ratings), Scale.of(pack.disciplines)
    rules = []
    for criterion in pack.criteria:
        if criterion.measure not in MEASURES:
            raise UnsupportedPack(
                f"tiêu chuẩn {criterion.code}: cách đánh giá “{criterion.measure}” "
                "chưa được bộ máy đánh giá hỗ trợ."
            )
        params = PARAM_SCHEMAS[criterion.measure].model_validate(criterion.params)
        rules.append(Rule(criterion, params, ratings, disciplines))
    return rules


class Evaluator:
    """Evaluates cases against one pack; build it once per pack and reuse it.

    The applicable rules depend only on (kind, field, rated), so they are computed once per
    combination and cached — evaluating a case is then one measure call per applicable rule.
    """

    def __init__(self, pack: Pack):
        self.pack = pack
        self.rules = compile_rules(pack)
        self._parents = {f.key: f.parent for f in pack.fields}
        self._applicable: dict[tuple[str, str | None, bool | None], list[_Applicable]] = {}
        self.vocabulary = self._vocabulary()

    def _vocabulary(self) -> Vocabulary:
        """The keys a case may use with this pack (for :meth:`Case.from_json`)."""
        default = Vocabulary()
        violation_kinds, metrics = set(default.violation_kinds), set(default.business_metrics)
        for rule in self.rules:
            violation_kinds.update(getattr(rule.params, "violation_kinds", ()))
            metrics.update(getattr(rule.params, "metrics", ()))
        return Vocabulary(
            kinds=frozenset(k.key for k in self.pack.subject_kinds),
            rating_keys=frozenset(lv.key for lv in self.pack.ratings),
            discipline_keys=frozenset(lv.key for lv in self.pack.disciplines),
            violation_kinds=frozenset(violation_kinds),
            business_metrics=frozenset(metrics),
            field_keys=frozenset(f.key for f in self.pack.selectable_fields()),
            judgement_codes=frozenset(
                r.code for r in self.rules if r.criterion.measure == "judgement"
            ),
        )

    # --- applicability ------------------------------------------------------------------------
    def applicable_rules(self, case: Case) -> list[Rule]:
        """The criteria that apply to this case's kind, field and rating status, in pack order."""
        return [a.rule for a in self._rules_for(case.kind, case.field, case.rated)]

    def _rules_for(self, kind: str, field: str | None, rated: bool | None) -> list[_Applicable]:
        key = (kind, field, rated)
        found = self._applicable.get(key)
        if found is None:
            found = self._applicable[key] = self._select(kind, field, rated)
        return found

    def _select(self, kind: str, field: str | None, rated: bool | None) -> list[_Applicable]:
        effective = rated if rated is not None else kind in RATED_BY_DEFAULT
        fields = self._field_and_parents(field)
        selected = []
        for rule in self.rules:
            c = rule.criterion
            if kind not in c.kinds:
                continue
            if c.fields is not None and not fields.intersection(c.fields):
                continue
            if c.rated is not None and c.rated != effective:
                continue
            assumed = c.rated is not None and rated is None and effective
            selected.append(_Applicable(rule, MEASURES[c.measure], assumes_rated=assumed))
        return selected

    def _field_and_parents(self, field: str | None) -> set[str]:
        """``{"c1", "c"}`` for c1: a criterion listing the parent applies to its sub-fields."""
        chain: set[str] = set()
        while field is not None and field not in chain:
            chain.add(field)
            field = self._parents.get(field)
        return chain

    # --- evaluation ---------------------------------------------------------------------------
    def evaluate(self, case: Case) -> Verdict:
        """Every applicable criterion's status and reason, and the overall verdict."""
        results = []
        failed = pending = False
        for applicable in self._rules_for(case.kind, case.field, case.rated):
            rule = applicable.rule
            status, reason = applicable.measure(rule, case)
            if applicable.assumes_rated:
                reason += RATED_ASSUMED_NOTE
            if status is Status.FAIL:
                failed = True
            elif status is not Status.PASS:
                pending = True
            c = rule.criterion
            results.append(CriterionResult(c.code, status, reason, c.group, c.text))
        eligible = False if failed else (None if pending else True)
        return Verdict(eligible, results)

    def evaluate_many(self, cases: Iterable[Case]) -> list[Verdict]:
        """Evaluate a batch (a campaign table, the benchmark) with the cyclic GC paused.

        Each case allocates a few small acyclic objects, and those allocations trigger the
        collector; if the cases are still young objects (built with the collector paused),
        every collection walks them all again (``docs/benchmarks.md`` has the figures). With a
        settled heap it makes no difference. The engine creates no reference cycles, so
        reference counting frees all it drops; the collector's previous state is restored
        afterwards (if two threads overlap, the one that found it enabled re-enables it).
        """
        with _gc_paused():
            return [self.evaluate(case) for case in cases]


@contextmanager
def _gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_EVALUATORS: "OrderedDict[int, tuple[Pack, Evaluator]]" = OrderedDict()
_EVALUATOR_CACHE_SIZE = 8


def evaluator_for(pack: Pack) -> Evaluator:
    """A cached :class:`Evaluator` for ``pack`` (by identity; packs are immutable)."""
    entry = _EVALUATORS.get(id(pack))
    if entry is not None and entry[0] is pack:
        _EVALUATORS.move_to_end(id(pack))
        return entry[1]
    evaluator = Evaluator(pack)
    _EVALUATORS[id(pack)] = (pack, evaluator)  # holding the pack keeps its id from being reused
    while len(_EVALUATORS) > _EVALUATOR_CACHE_SIZE:
        _EVALUATORS.popitem(last=False)
    return evaluator


def evaluate(pack: Pack, case: Case) -> Verdict:
    """Convenience for one case; loops should keep an :class:`Evaluator` instead."""
    return evaluator_for(pack).evaluate(case)


# The measure functions register themselves in MEASURES when their modules are imported.
_REGISTERED = (general_measures, field_measures)

__all__ = [
    "MEASURES",
    "RATED_BY_DEFAULT",
    "CriterionResult",
    "Evaluator",
    "Status",
    "UnsupportedPack",
    "Verdict",
    "evaluate",
    "evaluator_for",
]
