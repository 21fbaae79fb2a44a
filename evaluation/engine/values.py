"""The values a :class:`~evaluation.engine.case.Case` holds, and the names it may use.

Plain Python, no Django import. Each value is a frozen dataclass, so a case is a value that can
be compared, hashed into caches and shared between threads.
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR_MIN = 1900  # sanity bounds that catch "25" for 2025; not a rule of the guidance
YEAR_MAX = 2100
# JSON object keys are strings; the valid ones, ready-made (also the range check).
_YEAR_KEYS = {str(year): year for year in range(YEAR_MIN, YEAR_MAX + 1)}


class CaseError(ValueError):
    """Malformed evidence; ``path`` is the offending key (``violations[2].year``), "" the root."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        where = f"“{path}”: " if path else ""
        super().__init__(f"{where}{problem}")

    def within(self, part: str | int) -> CaseError:
        """The same error one level up: ``par_index`` inside ``2025`` is ``2025.par_index``.

        Readers raise with the path relative to the value they read and each container adds its
        key while the error travels up, so the happy path never formats a path string.
        """
        head = f"[{part}]" if isinstance(part, int) else str(part)
        tail = self.path
        if tail and not tail.startswith("["):
            tail = "." + tail
        return CaseError(head + tail, self.problem)


# --- the values a case holds --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    """A decision or certificate (recognition, charity commendation): number, date, who, what."""

    number: str | None = None
    date: str | None = None
    authority: str | None = None
    content: str | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A violation by a household member in ``year`` (law, traffic safety, social evils)."""

    year: int
    kind: str
    member: str | None = None


@dataclass(frozen=True, slots=True)
class CchcYear:
    """Administrative-reform results of one year; each attribute may be absent on its own."""

    par_index: float | None = None
    satisfaction: float | None = None
    overdue_dossiers: int | None = None
    disciplines: tuple[str, ...] | None = None  # keys of the pack's discipline scale


# The CchcYear attributes that a criterion's ``metric`` parameter may name.
CCHC_INDEX_METRICS = ("par_index", "satisfaction")


@dataclass(frozen=True, slots=True)
class Figure:
    """One business metric of one year. A missing plan means only growth can be judged."""

    actual: float | None = None
    plan: float | None = None


@dataclass(frozen=True, slots=True)
class HouseholdProduction:
    stable_since: int | None = None
    households_helped: int | None = None
    jobs_created: int | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """A reviewer's decision on a judgement criterion, kept with who and when for the checklist."""

    passed: bool
    by: str | None = None
    at: str | None = None  # ISO date or date-time as recorded
    note: str = ""


# --- what names are allowed -------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The keys a case may use. The default is the ``evaluate_case`` contract; the
    engine derives a stricter one from a pack (``Evaluator.vocabulary``), which also knows the
    field keys and the criteria codes that take judgements (``None`` there: not checked)."""

    kinds: frozenset[str] = frozenset({"collective", "individual", "household", "model"})
    rating_keys: frozenset[str] = frozenset({"xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"})
    discipline_keys: frozenset[str] = frozenset(
        {"khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"}
    )
    violation_kinds: frozenset[str] = frozenset({"law", "traffic", "social_evil"})
    business_metrics: frozenset[str] = frozenset({"revenue", "budget", "profit"})
    field_keys: frozenset[str] | None = None
    judgement_codes: frozenset[str] | None = None


DEFAULT_VOCABULARY = Vocabulary()
