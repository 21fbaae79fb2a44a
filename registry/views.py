from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from audit.selectors import history_of
from core.errors import DomainError, StaleVersion
from core.forms import ReasonForm, number
from guidance.models import Campaign
from registry import exemplar_panels, selectors, services
from registry.enums import ExemplarKind
from registry.forms import ExemplarForm, RegistrationDetailsForm
from registry.models import Exemplar, Registration
from registry.quotas import quota_status
from registry.views_confirm import CONFIRMED
from registry.views_lifecycle import lifecycle_steps, take_step
from registry.views_signed import signed_forms_context
from registry.workflow import TRANSITIONS


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


def _registration(request, pk, **_kwargs) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("unit", "campaign", "campaign__pack"), pk=pk
    )


def _exemplar(request, pk, **_kwargs) -> Exemplar:
    return get_object_or_404(
        Exemplar.objects.select_related(
            "registration__unit", "registration__campaign__pack"
        ), pk=pk,
    )


def _own_unit_for_campaign(request, campaign_code, **_kwargs) -> Registration:
    """A not-yet-saved registration of the user's own unit (for the 'start' permission)."""
    campaign = _campaign(request, campaign_code)
    unit = selectors.own_unit_for_registering(request.user)
    if unit is None:
        raise PermissionDenied
    return Registration(campaign=campaign, unit=unit)


def _detail_context(registration: Registration, user) -> dict:
    pack = registration.campaign.pack.pack
    counts = selectors.counts_by_kind(registration)
    sections = selectors.registration_sections(registration)
    steps = selectors.registration_steps(registration, user)
    return {
        "registration": registration, "pack": pack, "sections": sections,
        "duplicates": selectors.duplicate_names(registration),
        **signed_forms_context(registration, user),
        "quota": quota_status(registration.campaign, registration.unit, counts),
        "transitions": steps, "confirmed_steps": CONFIRMED,
        "can_edit": user.has_perm("registry.change_registration", registration),
        "history": history_of(registration),
        "reason_form": ReasonForm(initial={"version": registration.version}),
        "details_form": RegistrationDetailsForm(initial={
            "signer_name": registration.signer_name, "recipients": registration.recipients,
            "version": registration.version,
        }),
    }


@requires("registry.view_registration", obj=_registration)
def registration_detail(request, pk, target: Registration):
    context = _detail_context(target, request.user)
    return render(request, "registry/registration_detail.html", context)


@require_POST
@requires("registry.change_registration", obj=_own_unit_for_campaign)
def registration_start(request, campaign_code, target: Registration):
    registration = services.create_registration(
        campaign=target.campaign, unit=target.unit, acting_user=request.user
    )
    return redirect("registry:registration_detail", pk=registration.pk)


@require_POST
@requires("registry.change_registration", obj=_registration)
def registration_details(request, pk, target: Registration):
    form = RegistrationDetailsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dữ liệu không hợp lệ."))
        return redirect("registry:registration_detail", pk=pk)
    try:
        services.update_registration_details(
            registration=target, signer_name=form.cleaned_data["signer_name"],
            recipients=form.cleaned_data["recipients"],
            expected_version=form.cleaned_data["version"], acting_user=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã lưu người ký và nơi nhận."))
    return redirect("registry:registration_detail", pk=pk)


@require_POST
@requires("registry.transition_registration", obj=_registration)
def registration_transition(request, pk, name, target: Registration):
    return take_step(
        request, table=TRANSITIONS, name=name, target=target, form=ReasonForm(request.POST),
        back=redirect("registry:registration_detail", pk=pk),
        run=lambda data: services.transition_registration(
            registration=target, transition=name, acting_user=request.user,
            reason=data.get("reason", ""), expected_version=data.get("version"),
        ),
    )


@requires("registry.change_registration", obj=_registration)
def exemplar_add(request, pk, kind, target: Registration):
    if kind not in ExemplarKind.values:
        return redirect("registry:registration_detail", pk=pk)
    pack = target.campaign.pack.pack
    form = ExemplarForm(request.POST or None, kind=kind, pack=pack)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"} | {"kind": kind}
        try:
            services.add_exemplar(registration=target, data=data, acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã thêm vào biểu đăng ký."))
            return redirect("registry:registration_detail", pk=pk)
    return render(request, "registry/exemplar_form.html", {
        "form": form, "registration": target, "kind_label": ExemplarKind(kind).label,
    })


@require_POST
@requires("registry.change_exemplar", obj=_exemplar)
def exemplar_move(request, pk, direction, target: Exemplar):
    try:
        services.move_exemplar(exemplar=target, offset=-1 if direction == "len" else 1,
                               acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("registry:registration_detail", pk=target.registration_id)


def _value_labels(pack) -> dict[str, dict[str, str]]:
    """The pack's codes in an exemplar's history: its fields, rating and discipline levels;
    a judgement's conclusion."""
    return {"field_key": {f.key: f"{f.key}) {f.label}" for f in pack.selectable_fields()},
            "level": {lv.key: lv.label for lv in [*pack.ratings, *pack.disciplines]},
            "passed": {"True": _("Đạt"), "False": _("Không đạt")}}


@requires("registry.view_exemplar", obj=_exemplar)
def exemplar_detail(request, pk, target: Exemplar):
    pack = target.registration.campaign.pack.pack
    return render(request, "registry/exemplar_detail.html", {
        "exemplar": target, "field_label": pack.field_label(target.field_key),
        "can_edit": request.user.has_perm("registry.change_registration", target.registration),
        "history": history_of(target, value_labels=_value_labels(pack)),
        "transitions": lifecycle_steps(target, request.user),
        "panels": exemplar_panels.panels_for(target, request.user),
    })


@requires("registry.change_exemplar", obj=_exemplar)
def exemplar_edit(request, pk, target: Exemplar):
    registration = target.registration
    pack = registration.campaign.pack.pack
    form = ExemplarForm(request.POST or None, instance=target, kind=target.kind, pack=pack)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_exemplar(
                exemplar=target, data=data, acting_user=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except StaleVersion as error:
            conflict = error
            form.add_error(None, error.message)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("registry:registration_detail", pk=registration.pk)
    return render(request, "registry/exemplar_form.html", {
        "form": form, "registration": registration, "exemplar": target,
        "kind_label": target.get_kind_display(), "conflict": conflict,
    })


@require_POST
@requires("registry.change_exemplar", obj=_exemplar)
def exemplar_delete(request, pk, target: Exemplar):
    registration = target.registration
    try:
        services.remove_exemplar(exemplar=target, acting_user=request.user,
                                 expected_version=number(request.POST, "version", default=0))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xóa khỏi biểu đăng ký."))
    return redirect("registry:registration_detail", pk=registration.pk)
