"""Units over the API: the same selectors as the unit pages (what a user sees is scoped the
same way), with validity dates and successor links."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from api.kit import READ_ERRORS, Router, paginate, require
from orgs import selectors
from orgs.models import Unit, UnitType

router = Router(tags=["Đơn vị"])


class UnitRef(Schema):
    id: int
    code: str
    name: str


class Link(Schema):
    kind: str = Field(description="merged | split | renamed | dissolved")
    effective_on: datetime.date
    legal_basis: str
    unit: UnitRef


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    unit_type: str
    unit_type_label: str
    parent_id: int | None
    emulation_block: str | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    is_current: bool

    @staticmethod
    def resolve_unit_type_label(obj: Unit) -> str:
        return str(obj.get_unit_type_display())

    @staticmethod
    def resolve_emulation_block(obj: Unit) -> str | None:
        return obj.emulation_block.name if obj.emulation_block_id else None


class UnitDetail(UnitOut):
    address: str
    email: str
    successors: list[Link]
    predecessors: list[Link]
    current_successors: list[UnitRef]


class UnitFilter(Schema):
    unit_type: UnitType | None = Field(None, description="Loại đơn vị")
    on: datetime.date | None = Field(None, description="Còn hiệu lực vào ngày (mặc định hôm nay)")
    include_history: bool = Field(False, description="Gồm cả đơn vị đã hết hiệu lực")


@router.get("/", response={200: list[UnitOut], **READ_ERRORS}, summary="Danh sách đơn vị")
@paginate
def list_units(request, filters: Query[UnitFilter]):
    return selectors.unit_list(request.user, unit_type=filters.unit_type or "", on=filters.on,
                               include_history=filters.include_history)


def _link(row, other) -> dict:
    return {"kind": row.kind, "effective_on": row.effective_on, "legal_basis": row.legal_basis,
            "unit": other}


@router.get("/{int:unit_id}", response={200: UnitDetail, **READ_ERRORS}, summary="Một đơn vị")
def get_unit(request, unit_id: int):
    unit = get_object_or_404(selectors.units_visible_to(request.user), pk=unit_id)
    require(request.user, "orgs.view_unit", unit)
    history = selectors.unit_history(unit)
    unit.successors = [_link(r, r.successor) for r in history["successors"]]
    unit.predecessors = [_link(r, r.predecessor) for r in history["predecessors"]]
    unit.current_successors = [] if unit.is_current else selectors.current_successors(unit)
    return unit
