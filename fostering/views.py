"""The fostering plan on the web: the plan page of a unit × campaign (criteria, items per
exemplar with their actions and milestones, the workflow), its Word file, and the standing
office's list of plans. Views are thin: the services decide and log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from audit.selectors import history_of
from core.errors import DomainError
from core.forms import ReasonForm
from core.text import fold
from fostering import selectors, services
from fostering.forms import ActionForm, DoneForm, ItemForm, MilestoneForm, PlanFilterForm, PlanForm
from fostering.models import FosteringPlan, PlanItem
from fostering.workflow import PLAN_TRANSITIONS
from guidance.models import Campaign
from registry.models import Exemplar

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


def _plan(request, pk, **_kwargs) -> FosteringPlan:
    return get_object_or_404(
        FosteringPlan.objects.select_related("unit", "unit__parent", "campaign",
                                             "campaign__pack", "approved_by"), pk=pk)


def _own_plan_probe(request, campaign_code, **_kwargs) -> FosteringPlan:
    """A not-yet-saved plan of the user's own unit (for the 'start' permission)."""
    from registry.selectors import own_unit_for_registering

    campaign = _campaign(request, campaign_code)
    unit = own_unit_for_registering(request.user)
    if unit is None:
        raise PermissionDenied
    return FosteringPlan(campaign=campaign, unit=unit)


def _back(plan_pk: int, anchor: str = ""):
    response = redirect("fostering:plan_detail", pk=plan_pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _invalid(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _detail_context(plan: FosteringPlan, user) -> dict:
    items = selectors.plan_items(plan)
    exemplars = list(selectors.plan_exemplars(plan))
    listed = {item.exemplar_id for item in items}
    return {
        "plan": plan, "items": items,
        "unlisted": [e for e in exemplars if e.pk not in listed],
        "criteria": selectors.pack_criteria(plan, [i.exemplar for i in items] + exemplars),
        "transitions": selectors.plan_steps(plan, user),
        "can_edit": user.has_perm("fostering.change_plan", plan),
        "can_mark": user.has_perm("fostering.record_done", plan),
        "today": timezone.localdate(),
        "history": history_of(plan),
        "plan_form": PlanForm(initial={"sector_criteria": plan.sector_criteria,
                                       "signer_name": plan.signer_name, "version": plan.version}),
        "action_form": ActionForm(), "milestone_form": MilestoneForm(),
    }


@requires("fostering.view_plan", obj=_plan)
def plan_detail(request, pk, target: FosteringPlan):
    return render(request, "fostering/plan_detail.html", _detail_context(target, request.user))


@require_POST
@requires("fostering.change_plan", obj=_own_plan_probe)
def plan_start(request, campaign_code, target: FosteringPlan):
    plan = services.create_plan(campaign=target.campaign, unit=target.unit,
                                acting_user=request.user)
    return redirect("fostering:plan_detail", pk=plan.pk)


def _run(request, form, plan_pk: int, run, done: str, anchor: str = ""):
    if not form.is_valid():
        _invalid(request, form)
        return _back(plan_pk, anchor)
    try:
        run(form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _back(plan_pk, anchor)


@require_POST
@requires("fostering.change_plan", obj=_plan)
def plan_update(request, pk, target: FosteringPlan):
    return _run(request, PlanForm(request.POST), pk, lambda data: services.update_plan(
        plan=target, sector_criteria=data["sector_criteria"], signer_name=data["signer_name"],
        expected_version=data["version"], acting_user=request.user),
        _("Đã lưu tiêu chí cụ thể và người ký."), "criteria")


@require_POST
@requires("fostering.change_plan", obj=_plan)
def item_save(request, pk, exemplar_id, target: FosteringPlan):
    exemplar = get_object_or_404(Exemplar.objects.select_related("registration"), pk=exemplar_id)
    return _run(request, ItemForm(request.POST), pk, lambda data: services.save_item(
        plan=target, exemplar=exemplar, responsible=data["responsible"], notes=data["notes"],
        expected_version=data["version"], acting_user=request.user),
        _("Đã lưu điển hình trong kế hoạch."), f"exemplar-{exemplar_id}")


def _item(plan: FosteringPlan, item_id: int) -> PlanItem:
    return get_object_or_404(PlanItem.objects.select_related("exemplar"), pk=item_id, plan=plan)


@require_POST
@requires("fostering.change_plan", obj=_plan)
def action_add(request, pk, item_id, target: FosteringPlan):
    item = _item(target, item_id)
    return _run(request, ActionForm(request.POST), pk, lambda data: services.add_action(
        plan=target, item=item, helper=data["helper"], content=data["content"],
        due_on=data["due_on"], expected_version=data["version"], acting_user=request.user),
        _("Đã thêm hoạt động hỗ trợ."), f"exemplar-{item.exemplar_id}")


@require_POST
@requires("fostering.change_plan", obj=_plan)
def milestone_add(request, pk, item_id, target: FosteringPlan):
    item = _item(target, item_id)
    return _run(request, MilestoneForm(request.POST), pk, lambda data: services.add_milestone(
        plan=target, item=item, title=data["title"], due_on=data["due_on"],
        expected_version=data["version"], acting_user=request.user),
        _("Đã thêm mốc tiến độ."), f"exemplar-{item.exemplar_id}")


@require_POST
@requires("fostering.change_plan", obj=_plan)
def entry_remove(request, pk, kind, entry_id, target: FosteringPlan):
    return _run(request, DoneForm(request.POST), pk, lambda data: services.remove_plan_entry(
        plan=target, kind=kind, entry_id=entry_id, expected_version=data["version"],
        acting_user=request.user), _("Đã xóa."))


@require_POST
@requires("fostering.record_done", obj=_plan)
def entry_done(request, pk, kind, entry_id, target: FosteringPlan):
    return _run(request, DoneForm(request.POST), pk, lambda data: services.mark_done(
        plan=target, kind=kind, entry_id=entry_id, done_on=data.get("done_on"),
        expected_version=data["version"], acting_user=request.user),
        _("Đã ghi nhận hoàn thành."))


@require_POST
@requires("fostering.transition_plan", obj=_plan)
def plan_transition(request, pk, name, target: FosteringPlan):
    from registry.views_lifecycle import take_step

    return take_step(
        request, table=PLAN_TRANSITIONS, name=name, target=target, form=ReasonForm(request.POST),
        back=_back(pk), run=lambda data: services.transition_plan(
            plan=target, name=name, acting_user=request.user, reason=data.get("reason", ""),
            expected_version=data.get("version")))


@requires("fostering.view_plan", obj=_plan)
def plan_docx(request, pk, target: FosteringPlan):
    from fostering.docx import plan_file_stem, render_plan_docx

    response = HttpResponse(render_plan_docx(target), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{plan_file_stem(target)}.docx"'
    return response


@requires("fostering.view_plan_list", obj=_campaign)
def plan_list(request, campaign_code, target: Campaign):
    """Every unit required to register (and any other having a plan), with its plan's state."""
    from registry.selectors import units_required_to_register

    form = PlanFilterForm(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    plans = {p.unit_id: p for p in selectors.plans_with_counts(
        selectors.plans_visible_to(request.user).filter(campaign=target))}
    from accounts import roles

    units = list(roles.scoped(units_required_to_register(target), request.user, "tree_path")
                 .order_by("name"))
    known = {u.pk for u in units}
    units += [p.unit for p in plans.values() if p.unit_id not in known]
    rows = [{"unit": u, "plan": plans.get(u.pk)} for u in units]
    if needle := fold(wanted.get("unit") or ""):
        rows = [r for r in rows if needle in fold(r["unit"].name)]
    if state := wanted.get("state"):
        rows = [r for r in rows if (r["plan"].state if r["plan"] else "none") == state]
    counts = {"total": len(units), "approved": sum(1 for p in plans.values()
                                                   if p.state == "approved")}
    return render(request, "fostering/plan_list.html", {
        "campaign": target, "rows": rows, "form": form, "counts": counts})
