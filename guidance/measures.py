"""The criteria engine's rules (a criterion's ``measure``) and the parameters each one takes.

This is the contract between guidance packs and the criteria engine: a pack may only name a
measure listed here, with exactly these parameters, so a typo in a pack ("min_idx") is refused
when the pack is loaded instead of silently evaluating to "not met". The engine can parse a
criterion's params with ``MEASURES[criterion.measure].model_validate(criterion.params)``.

Plain pydantic, no Django import. Thresholds live in the pack, never here.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    """``judgement`` (a reviewer decides) and ``cchc_initiative`` (a recognising document)."""


class RatingsWindow(Params):
    """G4: every year of the window rated ``min_level`` or higher, ``require_count`` years at
    ``require_level`` or higher. Level keys refer to the pack's ``ratings``."""

    years: int = Field(ge=1)
    min_level: str
    require_level: str
    require_count: int = Field(ge=0)


class Recognitions(Params):
    """G5: at least ``min_count`` recognising documents from a competent authority."""

    min_count: int = Field(ge=1)


ViolationKind = Literal["law", "traffic", "social_evil"]


class CulturalFamily(Params):
    """G6: "gia đình văn hóa" every year of the window and no member's violation of these kinds."""

    years: int = Field(ge=1)
    violation_kinds: list[ViolationKind] = Field(min_length=1)


class IndexThreshold(Params):
    """K1, K2: the index of the proposal year, or of a year at most ``adjacent_years`` away, is at
    least ``min`` (percent)."""

    metric: Literal["par_index", "satisfaction"]
    min: float = Field(ge=0, le=100)
    adjacent_years: int = Field(default=0, ge=0)


class MaxCount(Params):
    """K3 ``overdue_dossiers``, N2 ``tax_arrears``: at most ``max`` in the proposal year."""

    max: int = Field(ge=0)


class Discipline(Params):
    """K4: nobody of the unit disciplined at ``fail_from`` or harsher (a key of ``disciplines``)."""

    fail_from: str


class BusinessGrowth(Params):
    """N1: each metric beats the plan or the previous year, every year."""

    metrics: list[Literal["revenue", "budget", "profit"]] = Field(min_length=1)


class MinYears(Params):
    """N3: a production model stable for at least ``min_years``."""

    min_years: int = Field(ge=1)


class MinNumber(Params):
    """N4 ``households_helped``, N5 ``jobs_created``: at least ``min``."""

    min: int = Field(ge=0)


MEASURES: dict[str, type[Params]] = {
    "judgement": NoParams,
    "ratings_window": RatingsWindow,
    "recognitions": Recognitions,
    "cultural_family": CulturalFamily,
    "index_threshold": IndexThreshold,
    "overdue_dossiers": MaxCount,
    "discipline": Discipline,
    "cchc_initiative": NoParams,
    "business_growth": BusinessGrowth,
    "tax_arrears": MaxCount,
    "production_stable": MinYears,
    "households_helped": MinNumber,
    "jobs_created": MinNumber,
    "charity_commendations": Recognitions,
}

# Parameters whose value is the key of a level in the pack: (measure, param) → pack scale.
LEVEL_PARAMS: dict[tuple[str, str], Literal["ratings", "disciplines"]] = {
    ("ratings_window", "min_level"): "ratings",
    ("ratings_window", "require_level"): "ratings",
    ("discipline", "fail_from"): "disciplines",
}
