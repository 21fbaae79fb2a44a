"""Reminders on the REST API: the list (filtered, scoped like the pages) and sending, through
the same ``urging.services.send_reminders`` as the page and the command."""

import datetime

from django.http import Http404
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, write
from guidance.models import Campaign
from orgs.models import Unit
from urging import selectors, services

router = Router(tags=["Đôn đốc"])


class UrgingReminderOut(Schema):
    id: int
    campaign: str
    unit: str
    unit_name: str
    reason: str
    day: datetime.date
    channels: list[str]
    subject: str
    message: str
    automatic: bool
    created_at: datetime.datetime


def _out(r) -> dict:
    return {"id": r.pk, "campaign": r.campaign.code, "unit": r.unit.code, "unit_name": r.unit.name,
            "reason": r.reason, "day": r.day, "channels": r.channels, "subject": r.subject,
            "message": r.message, "automatic": r.sent_by_id is None, "created_at": r.created_at}


class UrgingReminderFilter(Schema):
    campaign: str | None = Field(None, max_length=64, description="Mã đợt")
    unit: str | None = Field(None, max_length=64, description="Mã đơn vị")
    reason: str | None = Field(None, max_length=32, description="Lý do nhắc")


@router.get("/", response={200: list[UrgingReminderOut], **READ_ERRORS}, summary="Các lần đã nhắc")
@paginate
def list_reminders(request, filters: Query[UrgingReminderFilter]):
    items = selectors.filtered(selectors.reminders_visible_to(request.user),
                               campaign=filters.campaign or "", unit=filters.unit or "",
                               reason=filters.reason or "")
    return [_out(r) for r in items]


class UrgingSendIn(Schema):
    model_config = ConfigDict(extra="forbid")
    campaign: str = Field(max_length=64, description="Mã đợt")
    reason: str = Field(max_length=32, description="not_registered, below_quota, returned, "
                                                    "plan_missing, progress_overdue")
    units: list[str] | None = Field(None, max_length=2000,
                                    description="Mã các đơn vị (trống: mọi đơn vị đang thiếu)")
    dry_run: bool = False


class UrgingSentOut(Schema):
    unit: str
    reason: str
    channels: list[str]


class UrgingSkippedOut(Schema):
    unit: str | None
    reason: str
    why: str


class UrgingSendOut(Schema):
    sent: list[UrgingSentOut]
    skipped: list[UrgingSkippedOut]


@router.post("/send", auth=write, response={200: UrgingSendOut, **ERRORS},
             summary="Gửi nhắc nhở (Thường trực Hội đồng)")
def send(request, payload: UrgingSendIn):
    require(request.user, "urging.send_reminders")
    campaign = Campaign.objects.select_related("pack").filter(code=payload.campaign).first()
    if campaign is None:
        raise Http404
    units = None if payload.units is None else Unit.objects.filter(code__in=payload.units)
    result = services.send_reminders(campaign=campaign, reason=payload.reason, units=units,
                                     acting_user=request.user, dry_run=payload.dry_run)
    return result.as_json()
