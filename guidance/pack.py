"""The guidance-pack format (``dienhinh.guidance/1``): a typed, validated view of the pack file.

Plain pydantic, no Django import, so the criteria engine and the commands share it. Validation
errors carry the path inside the file (``criteria[3].params.min_index``) — see
``guidance.loading.describe_errors``.
"""

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT = "dienhinh.guidance/1"
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
    rated: bool | None = None  # None: rated or not; True/False: only those subject (or not) to rating
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

    @field_validator("fields")
    @classmethod
    def _unique_fields(cls, value: list[FieldOfWork]) -> list[FieldOfWork]:
        keys = [f.key for f in value]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"lĩnh vực trùng mã: {', '.join(duplicates)}")
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> "Pack":
        field_keys = {f.key for f in self.fields}
        for f in self.fields:
            if f.parent is not None and f.parent not in field_keys:
                raise ValueError(f"lĩnh vực {f.key}: lĩnh vực cha '{f.parent}' không tồn tại")
        codes = [c.code for c in self.criteria]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"tiêu chuẩn trùng mã: {', '.join(duplicates)}")
        for c in self.criteria:
            for key in c.fields or []:
                if key not in field_keys:
                    raise ValueError(f"tiêu chuẩn {c.code}: lĩnh vực '{key}' không tồn tại")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to trước valid_from")
        return self

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
