"""Progress pages: the list "Tiến độ" (the standing office and the council: every unit; a unit's
staff: their own), an exemplar's timeline with the form to post an update, withdrawing an
update, a file's permission-checked download, a campaign's lateness threshold."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires, signed_in
from core.errors import DomainError
from guidance.models import Campaign
from guidance.selectors import open_campaign
from progress import selectors, services
from progress.forms import ListFilterForm, SettingsForm, UpdateForm, WithdrawForm
from progress.models import ProgressAttachment, ProgressUpdate
from progress.rules import FOLLOWED_STATES
from registry.models import Exemplar
from registry.selectors import registrations_visible_to
from uploads import private

PAGE_LIMIT = 500


def _exemplar(request, pk, **_kwargs) -> Exemplar:
    return get_object_or_404(Exemplar.objects.select_related(
        "registration__unit", "registration__campaign__pack"), pk=pk)


def _update(request, pk, **_kwargs) -> ProgressUpdate:
    return get_object_or_404(ProgressUpdate.objects.select_related(
        "exemplar__registration__unit"), pk=pk)


def _attachment_exemplar(request, pk, **_kwargs) -> Exemplar:
    attachment = get_object_or_404(ProgressAttachment.objects.select_related(
        "update__exemplar__registration__unit"), pk=pk)
    request._progress_attachment = attachment
    return attachment.update.exemplar


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


def _pick_campaign(request) -> Campaign | None:
    code = (request.GET.get("campaign") or "").strip()
    if code:
        return Campaign.objects.select_related("pack").filter(code=code).first()
    return open_campaign()


@signed_in
def progress_list(request):
    campaign = _pick_campaign(request)
    today = timezone.localdate()
    context = {"campaign": campaign, "campaigns": Campaign.objects.order_by(
        "-registration_deadline"), "today": today,
        "can_set": request.user.has_perm("progress.change_settings", campaign)}
    if campaign is None:
        return render(request, "progress/list.html", context)
    units = sorted({r.unit for r in registrations_visible_to(request.user).filter(
        campaign=campaign)}, key=lambda u: u.name)
    pack = campaign.pack.pack
    form = ListFilterForm(request.GET or None, units=units,
                          fields=[(f.key, f"{f.key}) {f.label}") for f in pack.fields])
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        late = {"1": True, "0": False}.get(data.get("late") or "")
        filters = selectors.Filters(unit=data.get("unit"), field=data.get("field") or "",
                                    kind=data.get("kind") or "", state=data.get("state") or "",
                                    percent_min=data.get("percent_min"),
                                    percent_max=data.get("percent_max"), late=late)
    rows = list(selectors.progress_list(request.user, campaign=campaign, on=today,
                                        filters=filters)[:PAGE_LIMIT + 1])
    context.update({
        "form": form, "rows": rows[:PAGE_LIMIT], "truncated": len(rows) > PAGE_LIMIT,
        "days": selectors.stale_after_days(campaign),
        "late_count": sum(1 for r in rows[:PAGE_LIMIT] if r.is_late),
        "field_labels": {f.key: f.label for f in pack.fields},
    })
    return render(request, "progress/list.html", context)


@requires("progress.view_progress", obj=_exemplar)
def timeline(request, pk, target: Exemplar):
    today = timezone.localdate()
    annotated = selectors.exemplar_progress(target, today)
    can_post = (request.user.has_perm("progress.post_update", target)
                and target.state in FOLLOWED_STATES)
    updates = selectors.timeline(target)
    for update in updates:
        update.can_withdraw = request.user.has_perm("progress.withdraw_update", update)
    return render(request, "progress/timeline.html", {
        "exemplar": target, "progress": annotated, "updates": updates,
        "days": selectors.stale_after_days(target.registration.campaign),
        "can_post": can_post, "followed": target.state in FOLLOWED_STATES,
        "form": UpdateForm(initial={"on_date": today.strftime("%d/%m/%Y")}) if can_post else None,
        "withdraw_form": WithdrawForm(),
    })


@requires("progress.post_update", obj=_exemplar)
def post_update(request, pk, target: Exemplar):
    if request.method != "POST":
        return redirect("progress:timeline", pk=pk)
    form = UpdateForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.post_update(exemplar=target, on_date=data["on_date"], text=data["text"],
                                 percent=data["percent"], quality_note=data["quality_note"],
                                 uploads=data["files"], acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã ghi cập nhật tiến độ."))
            return redirect("progress:timeline", pk=pk)
    today = timezone.localdate()
    updates = selectors.timeline(target)
    return render(request, "progress/timeline.html", {
        "exemplar": target, "progress": selectors.exemplar_progress(target, today),
        "updates": updates, "days": selectors.stale_after_days(target.registration.campaign),
        "can_post": target.state in FOLLOWED_STATES, "followed": target.state in FOLLOWED_STATES,
        "form": form, "withdraw_form": WithdrawForm(),
    }, status=200)


@require_POST
@requires("progress.withdraw_update", obj=_update)
def withdraw_update(request, pk, target: ProgressUpdate):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_update(update=target, reason=form.cleaned_data["reason"],
                                     acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã rút cập nhật tiến độ."))
    else:
        messages.error(request, _("Hãy nêu lý do rút cập nhật."))
    return redirect("progress:timeline", pk=target.exemplar_id)


@requires("progress.view_progress", obj=_attachment_exemplar)
def attachment_download(request, pk, target: Exemplar):
    attachment = getattr(request, "_progress_attachment", None)
    if attachment is None or attachment.pk != pk:
        raise Http404
    return private.download(attachment.file, filename=attachment.original_name,
                            content_type=attachment.content_type)


@requires("progress.change_settings", obj=_campaign)
def campaign_settings(request, campaign_code, target: Campaign):
    form = SettingsForm(request.POST or None,
                        initial={"stale_after_days": selectors.stale_after_days(target)})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_settings(campaign=target,
                                   stale_after_days=form.cleaned_data["stale_after_days"],
                                   acting_user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu số ngày chậm cập nhật."))
            return redirect(f"{_list_url()}?campaign={target.code}")
    return render(request, "progress/settings.html", {"campaign": target, "form": form})


def _list_url() -> str:
    from django.urls import reverse

    return reverse("progress:list")
