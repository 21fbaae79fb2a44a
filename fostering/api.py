"""Fostering plans over the API (docs/api.md): the web's selectors scope what a token's owner
sees (outside it: 404), the web's permissions open the doors (403), the web's services write,
check versions (409) and log."""

import datetime

from django.db.models import Q
from django.http import Http404, HttpResponse
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from fostering import selectors, services
from fostering.models import FosteringPlan, PlanState
from guidance.models import Campaign

plans = Router(tags=["Kế hoạch bồi dưỡng, nhân rộng"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class FosteringRef(Schema):
    id: int
    code: str
    name: str


class FosteringActionOut(Schema):
    id: int
    helper: str
    content: str
    due_on: datetime.date
    done_on: datetime.date | None


class FosteringMilestoneOut(Schema):
    id: int
    title: str
    due_on: datetime.date
    done_on: datetime.date | None


class FosteringItemOut(Schema):
    id: int
    exemplar_id: int
    exemplar_name: str
    exemplar_state: str = Field(description="Trạng thái vòng đời của điển hình (registry)")
    responsible: str
    notes: str
    actions: list[FosteringActionOut]
    milestones: list[FosteringMilestoneOut]


class FosteringPlanOut(Schema):
    id: int
    campaign: FosteringRef
    unit: FosteringRef
    state: str
    state_label: str
    version: int
    sector_criteria: str
    signer_name: str
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    return_reason: str

    @staticmethod
    def resolve_state_label(obj: FosteringPlan) -> str:
        return str(obj.get_state_display())


class FosteringStepOut(Schema):
    name: str
    label: str
    needs_reason: bool


class FosteringPlanDetail(FosteringPlanOut):
    items: list[FosteringItemOut]
    transitions: list[FosteringStepOut]
    can_edit: bool


class FosteringPlanFilter(Schema):
    campaign: str | None = Field(None, description="Đợt: mã (code) hoặc id")
    unit: str | None = Field(None, description="Đơn vị: mã (code) hoặc id")
    state: PlanState | None = Field(None, description="Trạng thái kế hoạch")


def _by_id_or_code(prefix: str, value: str) -> Q:
    value = value.strip()
    match = Q(**{f"{prefix}__code": value})
    if value.isdigit() and len(value) < 19:
        match |= Q(**{f"{prefix}__pk": int(value)})
    return match


def _detail(plan: FosteringPlan, user) -> FosteringPlan:
    plan.items_out = [{
        "id": i.pk, "exemplar_id": i.exemplar_id, "exemplar_name": i.exemplar.name,
        "exemplar_state": i.exemplar.state, "responsible": i.responsible, "notes": i.notes,
        "actions": list(i.actions.all()), "milestones": list(i.milestones.all()),
    } for i in selectors.plan_items(plan)]
    plan.transitions = [{"name": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
                        for t in selectors.plan_steps(plan, user)]
    plan.can_edit = user.has_perm("fostering.change_plan", plan)
    return plan


class Fostering_Detail(FosteringPlanDetail):
    @staticmethod
    def resolve_items(obj) -> list:
        return obj.items_out


def _visible(request, plan_id: int) -> FosteringPlan:
    plan = visible_or_404(selectors.plans_visible_to(request.user), plan_id)
    require(request.user, "fostering.view_plan", plan)
    return plan


@plans.get("/", response={200: list[FosteringPlanOut], **READ_ERRORS}, summary="Danh sách kế hoạch")
@paginate
def list_plans(request, filters: Query[FosteringPlanFilter]):
    items = selectors.plans_visible_to(request.user)
    if filters.campaign:
        items = items.filter(_by_id_or_code("campaign", filters.campaign))
    if filters.unit:
        items = items.filter(_by_id_or_code("unit", filters.unit))
    if filters.state:
        items = items.filter(state=filters.state)
    return items.order_by("campaign_id", "unit__name", "pk")


@plans.get("/{int:plan_id}", response={200: Fostering_Detail, **READ_ERRORS}, summary="Một kế hoạch")
def get_plan(request, plan_id: int):
    return _detail(_visible(request, plan_id), request.user)


@plans.get("/{int:plan_id}/docx", response={**READ_ERRORS}, summary="Tải kế hoạch (Word)")
def plan_docx(request, plan_id: int):
    from fostering.docx import plan_file_stem, render_plan_docx

    plan = _visible(request, plan_id)
    response = HttpResponse(render_plan_docx(plan), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{plan_file_stem(plan)}.docx"'
    return response


class FosteringStartIn(Schema):
    model_config = ConfigDict(extra="forbid")
    campaign: str = Field(description="Đợt: mã (code) hoặc id", max_length=64)


@plans.post("/", auth=write, response={200: Fostering_Detail, **ERRORS},
            summary="Lập kế hoạch của đơn vị mình cho một đợt")
def start_plan(request, payload: FosteringStartIn):
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from registry.selectors import own_unit_for_registering

    value = payload.campaign.strip()
    query = Q(code=value) | (Q(pk=int(value)) if value.isdigit() and len(value) < 19 else Q())
    campaign = Campaign.objects.filter(query).first()
    if campaign is None:
        raise Http404
    unit = own_unit_for_registering(request.user)
    if unit is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    plan = services.create_plan(campaign=campaign, unit=unit, acting_user=request.user)
    return _detail(_visible(request, plan.pk), request.user)


class FosteringPlanIn(Schema):
    model_config = ConfigDict(extra="forbid")
    sector_criteria: str | None = Field(None, max_length=20000)
    signer_name: str | None = Field(None, max_length=150)
    version: int = Field(description="version của kế hoạch khi đọc; khác thì 409")


@plans.patch("/{int:plan_id}", auth=write, response={200: Fostering_Detail, **ERRORS},
             summary="Sửa tiêu chí cụ thể, người ký")
def update_plan(request, plan_id: int, payload: FosteringPlanIn):
    plan = _visible(request, plan_id)
    require(request.user, "fostering.change_plan", plan)
    services.update_plan(
        plan=plan, expected_version=payload.version, acting_user=request.user,
        sector_criteria=(payload.sector_criteria if payload.sector_criteria is not None
                         else plan.sector_criteria),
        signer_name=payload.signer_name)
    return _detail(_visible(request, plan_id), request.user)


class FosteringStepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=5000)
    version: int | None = Field(None, description="version khi đọc; khác thì 409")


@plans.post("/{int:plan_id}/transitions/{name}", auth=write, response={200: Fostering_Detail, **ERRORS},
            summary="Trình, duyệt, trả lại, mở lại kế hoạch")
def transition_plan(request, plan_id: int, name: str, payload: FosteringStepIn):
    plan = _visible(request, plan_id)
    require(request.user, "fostering.transition_plan", plan)
    services.transition_plan(plan=plan, name=name, acting_user=request.user,
                             reason=payload.reason, expected_version=payload.version)
    return _detail(_visible(request, plan_id), request.user)


class FosteringDoneIn(Schema):
    model_config = ConfigDict(extra="forbid")
    done_on: datetime.date | None = Field(None, description="Mặc định: hôm nay")
    version: int | None = None


@plans.post("/{int:plan_id}/milestones/{int:milestone_id}/done", auth=write,
            response={200: Fostering_Detail, **ERRORS}, summary="Ghi nhận một mốc đã hoàn thành")
def milestone_done(request, plan_id: int, milestone_id: int, payload: FosteringDoneIn):
    plan = _visible(request, plan_id)
    require(request.user, "fostering.record_done", plan)
    services.mark_done(plan=plan, kind="milestone", entry_id=milestone_id, done_on=payload.done_on,
                       expected_version=payload.version, acting_user=request.user)
    return _detail(_visible(request, plan_id), request.user)
