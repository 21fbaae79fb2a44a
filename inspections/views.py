"""Inspections on the web: thin views over ``inspections.selectors`` and ``inspections.services``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import requires, signed_in
from core.errors import DomainError
from core.forms import number
from guidance.models import Campaign
from inspections import record_docx, selectors, services
from inspections.enums import InspectionState
from inspections.forms import FindingForm, FollowUpForm, InspectionForm, NoteForm
from inspections.models import Finding, FollowUp, Inspection, InspectionUnit
from inspections.workflow import FOLLOW_UP_TRANSITIONS, INSPECTION_TRANSITIONS
from orgs.models import Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _inspection(request, pk, **_kwargs) -> Inspection:
    return get_object_or_404(Inspection.objects.select_related("campaign", "issuer"), pk=pk)


def _follow_up(request, pk, **_kwargs) -> FollowUp:
    return get_object_or_404(FollowUp.objects.select_related("unit", "inspection"), pk=pk)


def _finding(request, pk, finding_id, **_kwargs) -> Finding:
    return get_object_or_404(Finding.objects.select_related("inspection", "unit"),
                             pk=finding_id, inspection_id=pk)


def _record_row(request, pk, unit_id, **_kwargs) -> InspectionUnit:
    return get_object_or_404(InspectionUnit.objects.select_related("inspection", "unit"),
                             inspection_id=pk, unit_id=unit_id)


@signed_in
def inspection_list(request):
    wide = roles.is_province_wide(request.user)
    state = request.GET.get("state", "")
    state = state if state in InspectionState.values else ""
    unit_id = number(request.GET, "unit") if wide else None
    campaign_id = number(request.GET, "campaign") if wide else None
    items = selectors.inspection_list(request.user, state=state, unit_id=unit_id,
                                      campaign_id=campaign_id)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "inspections/inspection_list.html", {
        "page": page, "wide": wide, "states": InspectionState.choices,
        "filters": {"state": state, "unit": unit_id, "campaign": campaign_id},
        "units": roles.scoped(Unit.objects.filter(inspections__isnull=False), request.user,
                              "tree_path").distinct().order_by("name")
        if wide else [],
        "campaigns": Campaign.objects.order_by("-period_start_year") if wide else [],
        "can_plan": request.user.has_perm("inspections.manage_inspection"),
    })


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@requires("inspections.manage_inspection")
def inspection_create(request):
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.create_inspection(data=data, units=data["units"],
                                                    acting_user=request.user)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã lập kế hoạch kiểm tra."))
            return redirect("inspections:inspection_detail", pk=inspection.pk)
    return render(request, "inspections/inspection_form.html", {"form": form, "inspection": None})


@requires("inspections.manage_inspection", obj=_inspection)
def inspection_edit(request, pk, target: Inspection):
    initial = {"title": target.title, "campaign": target.campaign, "start_on": target.start_on,
               "end_on": target.end_on, "units": list(target.units.all()), "scope": target.scope,
               "team": target.team, "decision_basis": target.decision_basis,
               "version": target.version}
    form = InspectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_inspection(inspection=target, data=data, units=data["units"],
                                       acting_user=request.user,
                                       expected_version=data.get("version"))
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("inspections:inspection_detail", pk=pk)
    return render(request, "inspections/inspection_form.html",
                  {"form": form, "inspection": target})


@requires("inspections.view_inspection", obj=_inspection)
def inspection_detail(request, pk, target: Inspection):
    sections = selectors.unit_sections(target, request.user)
    manage = request.user.has_perm("inspections.manage_inspection", target)
    editable = manage and target.state in (InspectionState.PLANNED, InspectionState.IN_PROGRESS)
    exemplars = {}
    if editable:
        for exemplar in selectors.exemplars_of_units([s.unit for s in sections]):
            exemplars.setdefault(exemplar.registration.unit_id, []).append(exemplar)
    for section in sections:
        section.exemplar_choices = exemplars.get(section.unit.pk, [])
    return render(request, "inspections/inspection_detail.html", {
        "inspection": target, "sections": sections, "editable": editable,
        "steps": selectors.inspection_steps(target, request.user),
        "kinds": FindingForm.base_fields["kind"].choices,
    })


def _back(pk):
    return redirect("inspections:inspection_detail", pk=pk)


def _run(request, call, done: str) -> None:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


@require_POST
@requires("inspections.manage_inspection", obj=_inspection)
def inspection_transition(request, pk, name, target: Inspection):
    step = INSPECTION_TRANSITIONS.get(name)
    if step is None:
        messages.error(request, _("Thao tác không hợp lệ."))
        return _back(pk)
    form = NoteForm(request.POST)
    form.is_valid()
    _run(request, lambda: services.transition_inspection(
        inspection=target, name=name, acting_user=request.user,
        reason=form.cleaned_data.get("note", ""),
        expected_version=form.cleaned_data.get("version")),
        _("Đã thực hiện: %(action)s.") % {"action": step.label})
    return _back(pk)


def _unit_of(target: Inspection, unit_id) -> Unit:
    row = target.unit_rows.select_related("unit").filter(unit_id=unit_id).first()
    if row is None:
        raise DomainError(_("Đơn vị này không thuộc đợt kiểm tra."))
    return row.unit


@require_POST
@requires("inspections.manage_inspection", obj=_inspection)
def finding_add(request, pk, target: Inspection):
    form = FindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập nội dung và chọn loại kết quả kiểm tra."))
        return _back(pk)
    data = form.cleaned_data

    def add():
        from registry.models import Exemplar

        unit = _unit_of(target, data["unit"])
        exemplar = None
        if data.get("exemplar"):
            exemplar = Exemplar.objects.select_related("registration").filter(
                pk=data["exemplar"]).first()
            if exemplar is None:
                raise DomainError(_("Không tìm thấy điển hình đã chọn."))
        services.add_finding(inspection=target, unit=unit, kind=data["kind"], text=data["text"],
                             exemplar=exemplar, acting_user=request.user)

    _run(request, add, _("Đã ghi kết quả kiểm tra."))
    return _back(pk)


@require_POST
@requires("inspections.manage_inspection", obj=_inspection)
def finding_remove(request, pk, finding_id, target: Inspection):
    finding = _finding(request, pk, finding_id)
    _run(request, lambda: services.remove_finding(finding=finding, acting_user=request.user),
         _("Đã xóa kết quả kiểm tra."))
    return _back(pk)


@require_POST
@requires("inspections.manage_inspection", obj=_inspection)
def conclusions_save(request, pk, target: Inspection):
    from core.text import clean_multiline

    per_unit = {}
    for row in target.unit_rows.all():
        key = f"unit-{row.unit_id}"
        if key in request.POST:
            per_unit[row.unit_id] = clean_multiline(request.POST.get(key))
    _run(request, lambda: services.set_conclusions(
        inspection=target, conclusion=request.POST.get("conclusion", ""),
        unit_conclusions=per_unit, acting_user=request.user,
        expected_version=number(request.POST, "version")), _("Đã lưu kết luận."))
    return _back(pk)


@require_POST
@requires("inspections.manage_inspection", obj=_inspection)
def follow_up_add(request, pk, target: Inspection):
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập việc phải làm, người chịu trách nhiệm và hạn hoàn "
                                  "thành."))
        return _back(pk)
    data = form.cleaned_data
    _run(request, lambda: services.add_follow_up(
        inspection=target, unit=_unit_of(target, data["unit"]), action=data["action"],
        owner_name=data["owner_name"], deadline=data["deadline"], acting_user=request.user),
        _("Đã giao việc khắc phục."))
    return _back(pk)


@require_POST
@requires("inspections.move_follow_up", obj=_follow_up)
def follow_up_transition(request, pk, name, target: FollowUp):
    step = FOLLOW_UP_TRANSITIONS.get(name)
    if step is None:
        messages.error(request, _("Thao tác không hợp lệ."))
        return _back(target.inspection_id)
    if target.state in step.sources and not request.user.has_perm(step.permission, target):
        raise PermissionDenied
    form = NoteForm(request.POST)
    form.is_valid()
    _run(request, lambda: services.transition_follow_up(
        follow_up=target, name=name, acting_user=request.user,
        note=form.cleaned_data.get("note", ""), expected_version=form.cleaned_data.get("version")),
        _("Đã thực hiện: %(action)s.") % {"action": step.label})
    return _back(target.inspection_id)


@requires("inspections.view_inspection_record", obj=_record_row)
def inspection_record(request, pk, unit_id, target: InspectionUnit):
    sections = selectors.unit_sections(target.inspection, request.user, only_unit=target.unit)
    if not sections:
        raise Http404
    inspection = Inspection.objects.select_related("issuer__parent").get(pk=pk)
    body = record_docx.record_document(inspection, sections[0])
    response = HttpResponse(body, content_type=DOCX)
    name = record_docx.file_name(inspection, target.unit)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
