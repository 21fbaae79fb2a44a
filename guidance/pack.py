"""The guidance-pack format (``dienhinh.guidance/1``): a typed, validated view of the pack file.

Plain pydantic, no Django import, so the criteria engine and the commands share it. Validation
errors carry the path inside the file (``criteria[3].params.min``) — see
``guidance.loading.describe_errors``; the checks that need the whole pack are in
``guidance.checks`` and the measures' parameters in ``guidance.measures``.
"""

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from guidance.checks import cross_check, format_loc

# Validation context flag: skip the cross checks (the loader runs them itself, with locations).
DEFER_CROSS_CHECKS = "defer_cross_checks"
KindKey = Literal["collective", "individual", "household", "model"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubjectKind(Strict):
    key: KindKey
    label: str
    plural_label: str = ""


class Level(Strict):
    """An ordered scale entry (ratings, disciplinary measures); higher ``rank`` = higher level."""

    key: str
    label: str
    rank: int


class FieldOfWork(Strict):
    key: str = Field(pattern=r"^[a-zđ][0-9]?$")
    label: str
    heading: str = ""
    criteria_text: str = ""
    synonyms: list[str] = []
    parent: str | None = None  # c1..c3 under c, d1..d2 under d
    selectable: bool = True  # a parent heading such as "c" is not chosen on the form


class Criterion(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Za-z0-9\-đ]*$")
    group: Literal["general", "field"]
    text: str
    kinds: list[KindKey]
    fields: list[str] | None = None  # None: every field
    # None: whether rated or not; True / False: only those subject (not subject) to annual rating
    rated: bool | None = None
    measure: str  # the engine's rule name: judgement, ratings_window, recognitions, …
    params: dict[str, Any] = {}


class QuotaRule(Strict):
    label: str
    unit_types: list[str]
    minimums: dict[KindKey, int]
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    note: str = ""

    def applies_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class FormColumn(Strict):
    key: str
    header: str
    required: bool = False
    width_cm: float | None = None


class FormSection(Strict):
    kind: KindKey
    numeral: str
    heading: str
    optional: bool = False
    columns: list[FormColumn]


class RegistrationForm(Strict):
    title: str
    subtitle: str
    lead: str  # placeholders: {guidance_number}, {guidance_date}, {unit_name}
    place: str
    sections: list[FormSection]
    recipients_label: str = "Nơi nhận:"
    signer_title: str
    signer_hint: str


class Pack(Strict):
    format: Literal["dienhinh.guidance/1"]
    code: str
    version: int = Field(ge=1)
    title: str
    issuer: str
    number: str
    issued_on: datetime.date
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    legal_basis: list[str] = []
    subject_kinds: list[SubjectKind]
    ratings: list[Level]
    disciplines: list[Level]
    fields: list[FieldOfWork]
    criteria: list[Criterion]
    quotas: list[QuotaRule]
    form: RegistrationForm

    @model_validator(mode="after")
    def _parts_agree(self, info: ValidationInfo) -> "Pack":
        # The loader defers these checks so that it can report every problem at its own place
        # (``criteria[12].fields[0]``); anyone else validating a pack gets them all in one error.
        if info.context and info.context.get(DEFER_CROSS_CHECKS):
            return self
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(f"{format_loc(p['loc'])}: {p['msg']}" for p in problems))
        return self

    def problems(self) -> list[dict[str, Any]]:
        """Cross-reference problems (duplicates, dangling references, measure parameters),
        each shaped like a pydantic error with its ``loc`` in the file. See ``guidance.checks``."""
        return cross_check(self)

    # --- lookups used across the code ---------------------------------------------------------
    def field(self, key: str) -> FieldOfWork | None:
        return next((f for f in self.fields if f.key == key), None)

    def selectable_fields(self) -> list[FieldOfWork]:
        return [f for f in self.fields if f.selectable]

    def field_label(self, key: str) -> str:
        found = self.field(key)
        return found.label if found else key

    def quota_for(self, unit_type: str, day: datetime.date) -> QuotaRule | None:
        return next(
            (q for q in self.quotas if unit_type in q.unit_types and q.applies_on(day)), None
        )

    def section(self, kind: str) -> FormSection | None:
        return next((s for s in self.form.sections if s.kind == kind), None)

    def kind_label(self, kind: str) -> str:
        found = next((k for k in self.subject_kinds if k.key == kind), None)
        return found.label if found else kind
