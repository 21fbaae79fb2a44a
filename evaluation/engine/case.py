"""One exemplar's evidence, as the criteria engine sees it — plain Python, no Django import.

A :class:`Case` is built from the JSON contract of ``evaluate_case`` (``docs/evaluation.md``) by
:meth:`Case.from_json`, or directly by product code that reads evidence from the database.

The one rule that shapes every attribute: **absent is not empty.** ``None`` means the kind of
evidence was never provided, so the criteria that need it are ``unknown``; an empty tuple or
mapping is a fact ("no recognition at all") and is judged. Parsing therefore never turns a
missing key into an empty value, nor the other way round.

Malformed input raises :class:`CaseError` whose message is Vietnamese and names the key path
(``cchc.2025.par_index``), so a clerk can fix the file without reading code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from evaluation.engine.parse import CaseParser
from evaluation.engine.values import (
    CCHC_INDEX_METRICS,
    DEFAULT_VOCABULARY,
    YEAR_MAX,
    YEAR_MIN,
    CaseError,
    CchcYear,
    Document,
    Figure,
    HouseholdProduction,
    Judgement,
    Violation,
    Vocabulary,
)

# --- the case -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One exemplar's evidence for proposal year ``year``. ``None`` = not provided (see module)."""

    kind: str
    year: int
    field: str | None = None
    rated: bool | None = None  # subject to annual rating; None = not stated
    ratings: Mapping[int, str] | None = None
    recognitions: tuple[Document, ...] | None = None
    cultural_family_years: frozenset[int] | None = None
    violations: tuple[Violation, ...] | None = None
    cchc: Mapping[int, CchcYear] | None = None
    cchc_initiative: bool | None = None
    business: Mapping[int, Mapping[str, Figure]] | None = None
    tax_arrears: float | None = None
    household_production: HouseholdProduction | None = None
    charity_commendations: tuple[Document, ...] | None = None
    judgements: Mapping[str, Judgement] | None = None

    def __post_init__(self) -> None:
        # Product code may pass plain dicts, lists and sets; freeze them so a Case stays a value.
        for name, value in (
            ("ratings", self.ratings),
            ("cchc", self.cchc),
            ("business", self.business),
            ("judgements", self.judgements),
        ):
            if isinstance(value, dict):
                object.__setattr__(self, name, MappingProxyType(value))
        for name in ("recognitions", "violations", "charity_commendations"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        if isinstance(self.cultural_family_years, set | list | tuple):
            object.__setattr__(self, "cultural_family_years", frozenset(self.cultural_family_years))

    @classmethod
    def from_json(cls, data: Any, *, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Case:
        """Parse the ``evaluate_case`` JSON object; raise :class:`CaseError` on anything malformed.

        Unknown keys are refused rather than ignored: a typo such as ``rating`` would otherwise
        silently turn evidence into "not provided".
        """
        return cls(**CaseParser(vocabulary, _TOP_KEYS).parse(data))

    def to_json(self) -> dict[str, Any]:
        """The inverse of :meth:`from_json` (absent keys left out), e.g. to store a snapshot."""
        out: dict[str, Any] = {"kind": self.kind, "year": self.year}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in out or value is None:
                continue
            out[f.name] = _to_json(f.name, value)
        return out


def _to_json(name: str, value: Any) -> Any:
    if name == "cultural_family_years":
        return sorted(value)
    if name == "judgements":
        return {code: _plain(j) for code, j in value.items()}
    if name in ("ratings", "cchc"):
        return {str(year): _plain(item) for year, item in sorted(value.items())}
    if name == "business":
        return {
            str(year): {metric: _plain(fig) for metric, fig in metrics.items()}
            for year, metrics in sorted(value.items())
        }
    return _plain(value)


def _plain(value: Any) -> Any:
    """Dataclasses to dicts without their ``None`` attributes; tuples to lists."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if getattr(value, f.name) is not None
        }
    return value


_TOP_KEYS = frozenset(f.name for f in fields(Case))

__all__ = [
    "CCHC_INDEX_METRICS",
    "DEFAULT_VOCABULARY",
    "YEAR_MAX",
    "YEAR_MIN",
    "Case",
    "CaseError",
    "CchcYear",
    "Document",
    "Figure",
    "HouseholdProduction",
    "Judgement",
    "Violation",
    "Vocabulary",
]
