"""Replication on the web: the form to record an adoption of an exemplar, an adoption's page
(scale, results, edit, end), and the standing office's spread page ``/nhan-rong/`` (a chart of
adoptions over time drawn as SVG from a template with its data table, the communes grouped by
former district, filters). Views are thin: the services decide and log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import roles
from accounts.access import requires
from accounts.models import Role
from audit.selectors import history_of
from core.errors import DomainError
from orgs.models import Unit
from registry.models import Exemplar
from replication import selectors, services
from replication.forms import AdoptionEditForm, AdoptionForm, EndForm, ResultForm, SpreadFilterForm
from replication.models import Adoption
from replication.scale import described


def _exemplar(request, exemplar_id, **_kwargs) -> Exemplar:
    return get_object_or_404(Exemplar.objects.select_related("registration",
                                                             "registration__unit"), pk=exemplar_id)


def _adoption(request, pk, **_kwargs) -> Adoption:
    try:
        return selectors.adoption_detail(pk)
    except Adoption.DoesNotExist:
        from django.http import Http404

        raise Http404 from None


def adopting_units(user, exemplar) -> list[Unit]:
    """The units the user may record an adoption for: every current unit for the standing
    office (and the administrator), otherwise the units where the user is officer or head."""
    units = Unit.objects.current().exclude(pk=exemplar.registration.unit_id)
    if not (user.is_superuser or roles.has_role(user, Role.STANDING_OFFICE)):
        units = units.filter(pk__in=roles.unit_ids_with_role(user, Role.UNIT_OFFICER,
                                                             Role.UNIT_HEAD))
    return list(units.order_by("unit_type", "sort_key", "name"))


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@requires("replication.add_adoption", obj=_exemplar)
def adoption_add(request, exemplar_id, target: Exemplar):
    units = adopting_units(request.user, target)
    if request.method == "POST" and not units:
        raise PermissionDenied
    form = AdoptionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if str(u.pk) == form.cleaned_data["unit"])
        try:
            adoption = services.record_adoption(
                exemplar=target, unit=unit, started_on=form.cleaned_data["started_on"],
                scale=form.scale_values(), notes=form.cleaned_data["notes"],
                acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã ghi nhận đơn vị áp dụng."))
            return redirect("replication:adoption_detail", pk=adoption.pk)
    return render(request, "replication/adoption_form.html",
                  {"exemplar": target, "form": form, "units": units},
                  )


@requires("replication.view_adoption", obj=_adoption)
def adoption_detail(request, pk, target: Adoption):
    can_edit = request.user.has_perm("replication.change_adoption", target)
    initial = {"started_on": target.started_on, "notes": target.notes, "version": target.version,
               **{f"scale_{k}": v for k, v in (target.scale or {}).items()}}
    return render(request, "replication/adoption_detail.html", {
        "adoption": target, "scale": described(target.scale),
        "results": [{"result": r, "figures": described(r.figures)}
                    for r in selectors.results_of(target)],
        "can_edit": can_edit, "history": history_of(target),
        "sees_exemplar": request.user.has_perm("registry.view_exemplar", target.exemplar),
        "edit_form": AdoptionEditForm(initial=initial) if can_edit else None,
        "end_form": EndForm(initial={"version": target.version}) if can_edit else None,
        "result_form": ResultForm(initial={"version": target.version}) if can_edit else None,
    })


def _run(request, form, adoption: Adoption, run, done: str, anchor: str = ""):
    if not form.is_valid():
        _errors(request, form)
    else:
        try:
            run(form)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
    response = redirect("replication:adoption_detail", pk=adoption.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _post_only(view):
    from django.views.decorators.http import require_POST

    return require_POST(view)


@_post_only
@requires("replication.change_adoption", obj=_adoption)
def adoption_update(request, pk, target: Adoption):
    return _run(request, AdoptionEditForm(request.POST), target, lambda f: services.update_adoption(
        adoption=target, started_on=f.cleaned_data["started_on"], scale=f.scale_values(),
        notes=f.cleaned_data["notes"], expected_version=f.cleaned_data["version"],
        acting_user=request.user), _("Đã lưu việc nhân rộng."), "edit")


@_post_only
@requires("replication.change_adoption", obj=_adoption)
def adoption_end(request, pk, target: Adoption):
    return _run(request, EndForm(request.POST), target, lambda f: services.end_adoption(
        adoption=target, ended_on=f.cleaned_data["ended_on"], reason=f.cleaned_data["reason"],
        expected_version=f.cleaned_data["version"], acting_user=request.user),
        _("Đã ghi nhận kết thúc áp dụng."))


@_post_only
@requires("replication.change_adoption", obj=_adoption)
def result_add(request, pk, target: Adoption):
    return _run(request, ResultForm(request.POST, request.FILES), target,
                lambda f: services.add_result(
                    adoption=target, on=f.cleaned_data["on"], text=f.cleaned_data["text"],
                    figures=f.scale_values(), expected_version=f.cleaned_data["version"],
                    uploads=f.cleaned_data["files"], acting_user=request.user),
                _("Đã thêm kết quả."), "results")


def _evidence_adoption(request, pk, **_kwargs) -> Adoption:
    from replication.models import ResultEvidence

    evidence = get_object_or_404(ResultEvidence.objects.select_related(
        "result__adoption__unit", "result__adoption__exemplar__registration__unit"), pk=pk)
    request._replication_evidence = evidence
    return evidence.result.adoption


@requires("replication.view_adoption", obj=_evidence_adoption)
def evidence_download(request, pk, target: Adoption):
    from uploads import private

    evidence = request._replication_evidence
    return private.download(evidence.file, filename=evidence.original_name,
                            content_type=evidence.content_type)


def _field_choices() -> list[tuple[str, str]]:
    """The fields of work named by the packs of the adopted exemplars' campaigns."""
    from guidance.models import Campaign

    seen: dict[str, str] = {}
    campaigns = Campaign.objects.filter(
        registrations__exemplars__adoptions__isnull=False).select_related("pack").distinct()
    for campaign in campaigns:
        for f in campaign.pack.pack.fields:
            if f.selectable:
                seen.setdefault(f.key, f"{f.key}. {f.label}")
    return sorted(seen.items())


@requires("replication.view_spread")
def spread(request):
    form = SpreadFilterForm(request.GET or None, fields=_field_choices())
    wanted = form.cleaned_data if form.is_valid() else {}
    by = wanted.get("by") or "month"
    adoptions = selectors.filtered(selectors.adoptions_visible_to(request.user),
                                   field_key=wanted.get("field_key") or "",
                                   kind=wanted.get("kind") or "")
    periods = selectors.spread_over_time(adoptions, by=by)
    return render(request, "replication/spread.html", {
        "form": form, "by": by, "periods": periods, "chart": selectors.chart(periods),
        "map": selectors.communes_by_former_district(adoptions),
        "total": adoptions.count(),
        "exemplar_count": adoptions.values("exemplar_id").distinct().count(),
    })
