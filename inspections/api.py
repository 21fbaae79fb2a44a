"""Inspections over the API: the web's selectors (an inspection outside what the token's owner
sees is a 404), the web's permissions (403) and the web's services."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from core.errors import DomainError
from guidance.models import Campaign
from inspections import selectors, services
from inspections.enums import FindingKind, InspectionState
from orgs.models import Unit

router = Router(tags=["Kiểm tra"])


class InspUnitRef(Schema):
    id: int
    code: str
    name: str


class InspectionOut(Schema):
    id: int
    title: str
    campaign_id: int | None
    state: str
    state_label: str
    start_on: datetime.date
    end_on: datetime.date | None
    decision_basis: str
    version: int
    units: list[InspUnitRef]

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_units(obj) -> list:
        return getattr(obj, "inspected_units", None) or list(obj.units.all())


class InspFindingOut(Schema):
    id: int
    kind: str
    text: str
    exemplar_id: int | None
    exemplar_name: str | None

    @staticmethod
    def resolve_exemplar_name(obj) -> str | None:
        return obj.exemplar.name if obj.exemplar_id else None


class InspFollowUpOut(Schema):
    id: int
    unit_id: int
    action: str
    owner_name: str
    deadline: datetime.date
    state: str
    state_label: str
    unit_note: str
    closed_at: datetime.datetime | None
    version: int

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())


class InspUnitSectionOut(Schema):
    unit: InspUnitRef
    conclusion: str
    findings: list[InspFindingOut]
    follow_ups: list[InspFollowUpOut]


class InspectionDetail(InspectionOut):
    scope: str
    team: str
    conclusion: str
    sections: list[InspUnitSectionOut]


class InspectionFilter(Schema):
    state: InspectionState | None = Field(None, description="Trạng thái")
    unit: int | None = Field(None, description="Đơn vị được kiểm tra (id)")
    campaign: int | None = Field(None, description="Đợt thi đua (id)")


@router.get("/", response={200: list[InspectionOut], **READ_ERRORS},
            summary="Danh sách đợt kiểm tra")
@paginate
def list_inspections(request, filters: Query[InspectionFilter]):
    return selectors.inspection_list(request.user, state=filters.state or "",
                                     unit_id=filters.unit, campaign_id=filters.campaign)


def _detail(inspection, user):
    inspection.sections = [
        {"unit": s.unit, "conclusion": s.row.conclusion, "findings": s.findings,
         "follow_ups": s.follow_ups}
        for s in selectors.unit_sections(inspection, user)]
    return inspection


def _visible(request, inspection_id: int):
    inspection = visible_or_404(selectors.inspections_visible_to(request.user), inspection_id)
    require(request.user, "inspections.view_inspection", inspection)
    return inspection


@router.get("/{int:inspection_id}", response={200: InspectionDetail, **READ_ERRORS},
            summary="Một đợt kiểm tra")
def get_inspection(request, inspection_id: int):
    return _detail(_visible(request, inspection_id), request.user)


class InspectionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(max_length=500)
    scope: str = Field(max_length=20000)
    start_on: datetime.date
    end_on: datetime.date | None = None
    decision_basis: str = Field("", max_length=5000)
    team: str = Field("", max_length=5000, description="Mỗi dòng một người: họ tên — chức vụ")
    campaign: int | None = Field(None, description="Đợt thi đua (id)")
    units: list[int] = Field(description="Các đơn vị được kiểm tra (id)", max_length=200)


@router.post("/", auth=write, response={200: InspectionDetail, **ERRORS},
             summary="Lập kế hoạch kiểm tra (Cơ quan Thường trực)")
def create_inspection(request, payload: InspectionIn):
    require(request.user, "inspections.manage_inspection")
    units = list(Unit.objects.filter(pk__in=payload.units))
    if len(units) != len(set(payload.units)):
        raise DomainError(_("Không tìm thấy đơn vị đã chọn."), field="units")
    campaign = get_object_or_404(Campaign, pk=payload.campaign) if payload.campaign else None
    data = {**payload.dict(exclude={"units", "campaign"}), "campaign": campaign}
    inspection = services.create_inspection(data=data, units=units, acting_user=request.user)
    return _detail(_visible(request, inspection.pk), request.user)


class InspFindingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    unit: int
    kind: FindingKind
    text: str = Field(max_length=10000)
    exemplar: int | None = None


@router.post("/{int:inspection_id}/findings", auth=write, response={200: InspFindingOut, **ERRORS},
             summary="Ghi một kết quả kiểm tra (Cơ quan Thường trực)")
def add_finding(request, inspection_id: int, payload: InspFindingIn):
    from registry.models import Exemplar

    inspection = _visible(request, inspection_id)
    require(request.user, "inspections.manage_inspection", inspection)
    row = inspection.unit_rows.select_related("unit").filter(unit_id=payload.unit).first()
    if row is None:
        raise DomainError(_("Đơn vị này không thuộc đợt kiểm tra."), field="unit")
    exemplar = None
    if payload.exemplar is not None:
        exemplar = Exemplar.objects.select_related("registration").filter(
            pk=payload.exemplar).first()
        if exemplar is None:
            raise DomainError(_("Không tìm thấy điển hình đã chọn."), field="exemplar")
    return services.add_finding(inspection=inspection, unit=row.unit, kind=payload.kind,
                                text=payload.text, exemplar=exemplar, acting_user=request.user)


class InspStepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    note: str = Field("", max_length=5000, description="Nội dung báo cáo hoặc lý do")
    version: int | None = None


@router.post("/follow-ups/{int:follow_up_id}/transitions/{name}", auth=write,
             response={200: InspFollowUpOut, **ERRORS},
             summary="Cập nhật việc khắc phục: đơn vị báo cáo, Cơ quan Thường trực kết thúc")
def move_follow_up(request, follow_up_id: int, name: str, payload: InspStepIn):
    follow_up = visible_or_404(selectors.follow_ups_visible_to(request.user), follow_up_id)
    return services.transition_follow_up(follow_up=follow_up, name=name, note=payload.note,
                                         expected_version=payload.version,
                                         acting_user=request.user)
