"""Replication over the API (docs/api.md, docs/replication.md): the web's selectors scope what
a token's owner sees (outside it: 404), the web's permissions open the doors (403), the web's
services write, check versions (409) and log."""

import datetime

from django.http import Http404
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from orgs.models import Unit
from registry.models import Exemplar
from replication import selectors, services
from replication.models import Adoption
from replication.scale import MEASURES

router = Router(tags=["Nhân rộng"])


class ReplicationRef(Schema):
    id: int
    name: str


class ReplicationMeasureOut(Schema):
    key: str
    label: str
    unit: str
    integral: bool


class ReplicationResultOut(Schema):
    id: int
    on: datetime.date
    text: str
    figures: dict


class ReplicationAdoptionOut(Schema):
    id: int
    exemplar: ReplicationRef
    exemplar_kind: str
    exemplar_field: str
    exemplar_unit: ReplicationRef
    unit: ReplicationRef
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str
    scale: dict = Field(description="Quy mô: khóa chỉ tiêu (GET /replication/measures) → số")
    notes: str
    version: int

    @staticmethod
    def resolve_exemplar_kind(obj: Adoption) -> str:
        return obj.exemplar.kind

    @staticmethod
    def resolve_exemplar_field(obj: Adoption) -> str:
        return obj.exemplar.field_key

    @staticmethod
    def resolve_exemplar_unit(obj: Adoption) -> dict:
        unit = obj.exemplar.registration.unit
        return {"id": unit.pk, "name": unit.name}


class ReplicationAdoptionDetail(ReplicationAdoptionOut):
    results: list[ReplicationResultOut]
    can_edit: bool


class ReplicationFilter(Schema):
    exemplar: int | None = Field(None, description="id của điển hình, mô hình")
    unit: int | None = Field(None, description="id của đơn vị áp dụng")
    field: str | None = Field(None, max_length=8, description="Lĩnh vực (khóa trong gói)")
    kind: str | None = Field(None, max_length=12, description="Loại: collective, individual, "
                                                              "household, model")
    active: bool | None = Field(None, description="true: chỉ những việc đang áp dụng")


class ReplicationPeriodOut(Schema):
    start: datetime.date
    label: str
    count: int


class ReplicationCommuneOut(Schema):
    id: int
    name: str
    adoption_ids: list[int]


class ReplicationDistrictOut(Schema):
    former_district: str = Field(description="Đơn vị cấp huyện cũ; rỗng: chưa rõ")
    communes: list[ReplicationCommuneOut]


class ReplicationSpreadOut(Schema):
    by: str
    total: int
    periods: list[ReplicationPeriodOut]
    commune_total: int
    commune_adopted: int
    districts: list[ReplicationDistrictOut]
    other_units: list[ReplicationCommuneOut]


class ReplicationSpreadFilter(Schema):
    by: str = Field("month", pattern="^(month|year)$")
    field: str | None = Field(None, max_length=8)
    kind: str | None = Field(None, max_length=12)


def _visible(request, adoption_id: int) -> Adoption:
    adoption = visible_or_404(selectors.adoptions_visible_to(request.user), adoption_id)
    require(request.user, "replication.view_adoption", adoption)
    return adoption


def _detail(adoption: Adoption, user) -> Adoption:
    adoption.results_out = selectors.results_of(adoption)
    adoption.can_edit = user.has_perm("replication.change_adoption", adoption)
    return adoption


class Replication_Detail(ReplicationAdoptionDetail):
    @staticmethod
    def resolve_results(obj) -> list:
        return obj.results_out


@router.get("/measures", response={200: list[ReplicationMeasureOut], **READ_ERRORS},
            summary="Các chỉ tiêu quy mô")
def measures(request):
    return [{"key": m.key, "label": str(m.label), "unit": str(m.unit), "integral": m.integral}
            for m in MEASURES]


@router.get("/adoptions/", response={200: list[ReplicationAdoptionOut], **READ_ERRORS},
            summary="Danh sách việc nhân rộng")
@paginate
def list_adoptions(request, filters: Query[ReplicationFilter]):
    items = selectors.filtered(selectors.adoptions_visible_to(request.user),
                               field_key=filters.field or "", kind=filters.kind or "",
                               active_only=bool(filters.active))
    if filters.exemplar is not None:
        items = items.filter(exemplar_id=filters.exemplar)
    if filters.unit is not None:
        items = items.filter(unit_id=filters.unit)
    return items.order_by("-started_on", "pk")


@router.get("/adoptions/{int:adoption_id}", response={200: Replication_Detail, **READ_ERRORS},
            summary="Một việc nhân rộng, với các kết quả")
def get_adoption(request, adoption_id: int):
    return _detail(_visible(request, adoption_id), request.user)


@router.get("/spread", response={200: ReplicationSpreadOut, **READ_ERRORS},
            summary="Mức độ nhân rộng toàn tỉnh: theo thời gian và theo xã, phường")
def spread(request, filters: Query[ReplicationSpreadFilter]):
    require(request.user, "replication.view_spread")
    adoptions = selectors.filtered(selectors.adoptions_visible_to(request.user),
                                   field_key=filters.field or "", kind=filters.kind or "")
    found = selectors.communes_by_former_district(adoptions)

    def cell(unit, rows):
        return {"id": unit.pk, "name": unit.name, "adoption_ids": [a.pk for a in rows]}

    return {
        "by": filters.by, "total": adoptions.count(),
        "periods": [{"start": p.start, "label": p.label, "count": p.count}
                    for p in selectors.spread_over_time(adoptions, by=filters.by)],
        "commune_total": found["commune_total"], "commune_adopted": found["commune_adopted"],
        "districts": [{"former_district": g.name,
                       "communes": [cell(c.unit, c.adoptions) for c in g.communes]}
                      for g in found["groups"]],
        "other_units": [cell(row["unit"], row["adoptions"]) for row in found["others"]],
    }


class ReplicationAdoptionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    exemplar: int = Field(description="id của điển hình, mô hình")
    unit: int = Field(description="id của đơn vị áp dụng")
    started_on: datetime.date
    scale: dict[str, float | int | None] = Field(default_factory=dict)
    notes: str = Field("", max_length=5000)


@router.post("/adoptions/", auth=write, response={200: Replication_Detail, **ERRORS},
             summary="Ghi nhận một đơn vị áp dụng")
def record_adoption(request, payload: ReplicationAdoptionIn):
    exemplar = Exemplar.objects.select_related("registration").filter(pk=payload.exemplar).first()
    unit = Unit.objects.filter(pk=payload.unit).first()
    if exemplar is None or unit is None:
        raise Http404
    require(request.user, "replication.add_adoption", exemplar)
    adoption = services.record_adoption(exemplar=exemplar, unit=unit,
                                        started_on=payload.started_on, scale=payload.scale,
                                        notes=payload.notes, acting_user=request.user)
    return _detail(_visible(request, adoption.pk), request.user)


class ReplicationUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")
    started_on: datetime.date | None = None
    scale: dict[str, float | int | None] | None = None
    notes: str | None = Field(None, max_length=5000)
    version: int = Field(description="version khi đọc; khác thì 409")


@router.patch("/adoptions/{int:adoption_id}", auth=write,
              response={200: Replication_Detail, **ERRORS}, summary="Sửa ngày bắt đầu, quy mô")
def update_adoption(request, adoption_id: int, payload: ReplicationUpdateIn):
    adoption = _visible(request, adoption_id)
    require(request.user, "replication.change_adoption", adoption)
    services.update_adoption(
        adoption=adoption, expected_version=payload.version, acting_user=request.user,
        started_on=payload.started_on or adoption.started_on,
        scale=adoption.scale if payload.scale is None else payload.scale,
        notes=adoption.notes if payload.notes is None else payload.notes)
    return _detail(_visible(request, adoption_id), request.user)


class ReplicationEndIn(Schema):
    model_config = ConfigDict(extra="forbid")
    ended_on: datetime.date
    reason: str = Field("", max_length=5000)
    version: int | None = None


@router.post("/adoptions/{int:adoption_id}/end", auth=write,
             response={200: Replication_Detail, **ERRORS}, summary="Kết thúc áp dụng")
def end_adoption(request, adoption_id: int, payload: ReplicationEndIn):
    adoption = _visible(request, adoption_id)
    require(request.user, "replication.change_adoption", adoption)
    services.end_adoption(adoption=adoption, ended_on=payload.ended_on, reason=payload.reason,
                          expected_version=payload.version, acting_user=request.user)
    return _detail(_visible(request, adoption_id), request.user)


class ReplicationResultIn(Schema):
    model_config = ConfigDict(extra="forbid")
    on: datetime.date
    text: str = Field(max_length=20000)
    figures: dict[str, float | int | None] = Field(default_factory=dict)
    version: int | None = None


@router.post("/adoptions/{int:adoption_id}/results", auth=write,
             response={200: Replication_Detail, **ERRORS}, summary="Thêm một kết quả")
def add_result(request, adoption_id: int, payload: ReplicationResultIn):
    adoption = _visible(request, adoption_id)
    require(request.user, "replication.change_adoption", adoption)
    services.add_result(adoption=adoption, on=payload.on, text=payload.text,
                        figures=payload.figures, expected_version=payload.version,
                        acting_user=request.user)
    return _detail(_visible(request, adoption_id), request.user)
