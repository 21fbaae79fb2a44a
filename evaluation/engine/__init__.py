"""The criteria engine: a guidance pack's criteria applied to one exemplar's evidence.

Plain Python (no Django import) so the web pages, the campaign table, the ``evaluate_case``
command and the benchmarks all run exactly the same code, and so it can be tested without a
database. The pack decides everything that is a rule of the guidance — which criteria exist,
whom they apply to, every threshold and the labels of the rating and discipline scales; the
engine decides only *how* each kind of measure is computed.

* ``case`` — :class:`Case`, one exemplar's evidence (values in ``values``, JSON in ``parse``);
* ``measures`` — the registry of measures and the types they share; the functions are in
  ``general_measures`` and ``field_measures``, their wording helpers in ``text``;
* ``evaluator`` — :class:`Evaluator`, the verdict of a case against a pack.

Usage::

    evaluator = Evaluator(pack)          # once per pack: validates params, builds lookups
    verdict = evaluator.evaluate(case)   # per exemplar: cheap
    verdict.eligible                     # True / False / None (see Verdict)
"""

from evaluation.engine.evaluator import (
    MEASURES,
    RATED_BY_DEFAULT,
    CriterionResult,
    Evaluator,
    Status,
    UnsupportedPack,
    Verdict,
    evaluate,
    evaluator_for,
)

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
