"""Suggestions over the API (staff): the list and a suggestion, scoped like the pages (the
standing office: every one; a unit: those routed to it; another's answers 404), routing to a
unit and declining with a reason — the same services as the pages. The sender's contact is in
the answer only for the standing office. Sending a suggestion is the public form's alone."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from discovery import selectors, services
from discovery.models import Suggestion, SuggestionState
from orgs.models import Unit

router = Router(tags=["Phát hiện điển hình"])


class DiscoverySuggestionOut(Schema):
    id: int
    sender_name: str
    contact_email: str | None
    contact_phone: str | None
    whom: str
    what: str
    where: str
    state: str
    routed_unit_id: int | None
    routed_unit: str | None
    decline_reason: str
    screened_at: datetime.datetime | None
    created_at: datetime.datetime
    photo_count: int

    @staticmethod
    def resolve_routed_unit(obj: Suggestion) -> str | None:
        return obj.routed_unit.name if obj.routed_unit_id else None

    @staticmethod
    def resolve_photo_count(obj: Suggestion) -> int:
        return len(obj.photos.all())

    @staticmethod
    def resolve_contact_email(obj: Suggestion, context) -> str | None:
        return obj.contact_email if _sees_contact(context, obj) else None

    @staticmethod
    def resolve_contact_phone(obj: Suggestion, context) -> str | None:
        return obj.contact_phone if _sees_contact(context, obj) else None


def _sees_contact(context, obj) -> bool:
    request = context["request"]
    return request.user.has_perm("discovery.view_contact", obj)


class DiscoveryFilter(Schema):
    state: SuggestionState | None = Field(None, description="Trạng thái")
    q: str = Field("", max_length=100, description="Tìm trong người, việc, nơi")


class DiscoveryRouteIn(Schema):
    unit_id: int = Field(description="Đơn vị được chuyển (id)")
    note: str = Field("", max_length=2000, description="Ghi chú cho đơn vị")


class DiscoveryDeclineIn(Schema):
    reason: str = Field(max_length=5000, description="Lý do không tiếp nhận")


def _visible(request, suggestion_id: int) -> Suggestion:
    return visible_or_404(selectors.suggestions_visible_to(request.user).prefetch_related(
        "photos"), suggestion_id)


@router.get("/", response={200: list[DiscoverySuggestionOut], **READ_ERRORS},
            summary="Các giới thiệu người tốt, việc tốt (mới nhất trước)")
@paginate
def suggestion_list(request, filters: Query[DiscoveryFilter]):
    return selectors.suggestion_list(request.user, selectors.Filters(
        state=filters.state or "", text=filters.q))


@router.get("/{int:suggestion_id}", response={200: DiscoverySuggestionOut, **READ_ERRORS},
            summary="Một giới thiệu")
def suggestion_detail(request, suggestion_id: int):
    return _visible(request, suggestion_id)


@router.post("/{int:suggestion_id}/route", auth=write,
             response={200: DiscoverySuggestionOut, **ERRORS},
             summary="Tiếp nhận và chuyển đơn vị (cơ quan thường trực)")
def route(request, suggestion_id: int, payload: DiscoveryRouteIn):
    suggestion = _visible(request, suggestion_id)
    require(request.user, "discovery.screen_suggestion", suggestion)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    services.route_suggestion(suggestion=suggestion, unit=unit, note=payload.note,
                              acting_user=request.user)
    return _visible(request, suggestion_id)


@router.post("/{int:suggestion_id}/decline", auth=write,
             response={200: DiscoverySuggestionOut, **ERRORS},
             summary="Không tiếp nhận, nêu lý do (người giới thiệu được báo qua thư điện tử)")
def decline(request, suggestion_id: int, payload: DiscoveryDeclineIn):
    suggestion = _visible(request, suggestion_id)
    require(request.user, "discovery.screen_suggestion", suggestion)
    services.decline_suggestion(suggestion=suggestion, reason=payload.reason,
                                acting_user=request.user)
    return _visible(request, suggestion_id)
