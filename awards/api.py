"""The award history over the API (docs/awards.md): the two catalogues (read), the subjects in
the web's scope (outside it: 404) with their records, and a record entered for an earlier year
through the web's service and permission."""

import datetime

from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from awards import selectors, services
from awards.models import AwardRecord, AwardSubject, CommendationForm, EmulationTitle
from registry.enums import ExemplarKind

catalogue = Router(tags=["Danh mục khen thưởng"])
subjects = Router(tags=["Hồ sơ thành tích"])


class AwardCatalogueEntryOut(Schema):
    id: int
    code: str
    name: str
    level: str
    subject_kinds: list[str]
    authority: str
    legal_basis: str
    valid_from: datetime.date
    valid_to: datetime.date | None


class AwardFormOut(AwardCatalogueEntryOut):
    counts_as_recognition: bool


@catalogue.get("/titles", response={200: list[AwardCatalogueEntryOut], **READ_ERRORS},
               summary="Danh hiệu thi đua")
@paginate
def list_titles(request):
    require(request.user, "awards.view_catalogue")
    return selectors.catalogue(EmulationTitle)


@catalogue.get("/forms", response={200: list[AwardFormOut], **READ_ERRORS},
               summary="Hình thức khen thưởng")
@paginate
def list_forms(request):
    require(request.user, "awards.view_catalogue")
    return selectors.catalogue(CommendationForm)


class AwardRecordOut(Schema):
    id: int
    catalogue: str = Field(description="title (danh hiệu thi đua) hoặc form (hình thức khen thưởng)")
    award_code: str
    award_name: str
    year: int
    field_key: str
    achievement: str
    decision_number: str
    decision_date: datetime.date
    issuer: str
    source: str
    revoked: bool
    revoked_at: datetime.datetime | None
    revoke_reason: str

    @staticmethod
    def resolve_catalogue(obj: AwardRecord) -> str:
        return "title" if obj.title_id else "form"

    @staticmethod
    def resolve_award_code(obj: AwardRecord) -> str:
        return (obj.title or obj.form).code

    @staticmethod
    def resolve_revoked(obj: AwardRecord) -> bool:
        return obj.is_revoked


class AwardSubjectOut(Schema):
    id: int
    kind: str
    name: str
    unit_id: int | None
    unit_name: str | None = None
    birth_year: int | None

    @staticmethod
    def resolve_unit_name(obj: AwardSubject) -> str | None:
        return obj.unit.name if obj.unit_id else None


class AwardSubjectDetail(AwardSubjectOut):
    titles: list[AwardRecordOut]
    forms: list[AwardRecordOut]
    exemplar_ids: list[int]


class AwardSubjectFilter(Schema):
    q: str | None = Field(None, max_length=200, description="Tên (không phân biệt dấu)")
    kind: ExemplarKind | None = None
    unit: str | None = Field(None, max_length=200, description="Đơn vị: tên hoặc mã")


def _visible(request, subject_id: int) -> AwardSubject:
    subject = visible_or_404(selectors.subjects_visible_to(request.user), subject_id)
    require(request.user, "awards.view_subject", subject)
    return subject


def _detail(subject: AwardSubject) -> AwardSubject:
    subject.titles, subject.forms = selectors.records_of(subject)
    subject.exemplar_ids = list(subject.links.values_list("exemplar_id", flat=True))
    return subject


@subjects.get("/", response={200: list[AwardSubjectOut], **READ_ERRORS},
              summary="Danh sách hồ sơ thành tích")
@paginate
def list_subjects(request, filters: Query[AwardSubjectFilter]):
    require(request.user, "awards.view_subject_list")
    return selectors.subject_list(request.user, q=filters.q or "", kind=filters.kind or "",
                                  unit=filters.unit or "")


@subjects.get("/{int:subject_id}", response={200: AwardSubjectDetail, **READ_ERRORS},
              summary="Một hồ sơ thành tích với toàn bộ khen thưởng, danh hiệu")
def get_subject(request, subject_id: int):
    return _detail(_visible(request, subject_id))


class AwardRecordIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(None, max_length=40, description="Mã danh hiệu thi đua")
    form: str | None = Field(None, max_length=40, description="Mã hình thức khen thưởng")
    year: int = Field(ge=1945, le=2100)
    decision_number: str = Field(max_length=60)
    decision_date: datetime.date
    issuer: str = Field(max_length=255)
    field_key: str = Field("", max_length=8)
    achievement: str = Field("", max_length=5000)


@subjects.post("/{int:subject_id}/records", auth=write,
               response={200: AwardSubjectDetail, **ERRORS},
               summary="Ghi một khen thưởng, danh hiệu của những năm trước")
def add_record(request, subject_id: int, payload: AwardRecordIn):
    from django.utils.translation import gettext as _

    from core.errors import DomainError

    subject = _visible(request, subject_id)
    require(request.user, "awards.enter_record", subject)
    title = EmulationTitle.objects.filter(code=payload.title).first() if payload.title else None
    form = CommendationForm.objects.filter(code=payload.form).first() if payload.form else None
    if (payload.title and title is None) or (payload.form and form is None):
        raise DomainError(_("Không có mục này trong danh mục."))
    services.enter_record(
        subject=subject, title=title, form=form, year=payload.year,
        decision_number=payload.decision_number, decision_date=payload.decision_date,
        issuer=payload.issuer, achievement=payload.achievement, field_key=payload.field_key,
        acting_user=request.user)
    return _detail(_visible(request, subject_id))
