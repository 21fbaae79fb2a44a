"""The standing office's "Đôn đốc" pages: choose a reason, preview the units and the message,
send; the templates, the campaign's schedule, and the list of reminders sent."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError
from guidance.models import Campaign, CampaignStatus
from orgs.models import Unit
from urging import reasons, selectors, services
from urging.forms import ScheduleForm, TemplateForm
from urging.models import ReminderSchedule, ReminderTemplate


def _campaign(request, code: str = "") -> Campaign | None:
    code = code or request.GET.get("campaign") or request.POST.get("campaign", "")
    campaigns = Campaign.objects.select_related("pack")
    if code:
        return campaigns.filter(code=code).first()
    return (campaigns.filter(status=CampaignStatus.OPEN).first() or campaigns.first())


@requires("urging.send_reminders")
def urge(request):
    campaign = _campaign(request)
    reason = request.GET.get("reason", "not_registered")
    if not reasons.is_known(reason):
        reason = "not_registered"
    result, counts = None, {}
    if campaign is not None:
        result = services.send_reminders(campaign=campaign, reason=reason,
                                         acting_user=request.user, dry_run=True)
        counts = selectors.summaries(campaign, [s.unit.pk for s in result.sent]
                                     + [s.unit.pk for s in result.skipped if s.unit])
    rows = [{"item": s, "summary": counts.get(s.unit.pk)} for s in (result.sent if result else [])]
    return render(request, "urging/urge.html", {
        "campaign": campaign, "campaigns": Campaign.objects.all(), "reason": reason,
        "reasons": reasons.choices(), "rows": rows,
        "skipped": result.skipped if result else [], "reason_label": reasons.label(reason)})


@require_POST
@requires("urging.send_reminders")
def send(request):
    campaign = _campaign(request)
    reason = request.POST.get("reason", "")
    if campaign is None:
        messages.error(request, _("Không có đợt thi đua này."))
        return redirect("urging:urge")
    ids = [int(v) for v in request.POST.getlist("units") if v.isdigit()]
    if not ids:
        messages.error(request, _("Chưa chọn đơn vị nào để nhắc."))
        return redirect(f"{_url('urging:urge')}?campaign={campaign.code}&reason={reason}")
    try:
        result = services.send_reminders(campaign=campaign, reason=reason,
                                         units=Unit.objects.filter(pk__in=ids),
                                         acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("urging:urge")
    messages.success(request, _("Đã nhắc %(sent)d đơn vị; bỏ qua %(skipped)d.")
                     % {"sent": len(result.sent), "skipped": len(result.skipped)})
    return redirect(f"{_url('urging:reminder_list')}?campaign={campaign.code}&reason={reason}")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@requires("urging.view_reminders")
def reminder_list(request):
    items = selectors.filtered(selectors.reminders_visible_to(request.user),
                               campaign=request.GET.get("campaign", ""),
                               unit=request.GET.get("unit", ""),
                               reason=request.GET.get("reason", ""))
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "urging/reminder_list.html", {
        "page": page, "campaigns": Campaign.objects.all(), "reasons": reasons.choices(),
        "chosen": request.GET, "labels": dict(reasons.choices())})


@requires("urging.manage_templates")
def template_list(request):
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _save_template(request, form, None):
            return redirect("urging:template_list")
    return render(request, "urging/template_list.html", {
        "templates": ReminderTemplate.objects.all(), "form": form,
        "labels": dict(reasons.choices())})


@requires("urging.manage_templates")
def template_edit(request, pk: int):
    template = get_object_or_404(ReminderTemplate, pk=pk)
    initial = {"reason": template.reason, "subject": template.subject, "body": template.body,
               "valid_from": template.valid_from, "valid_to": template.valid_to}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save_template(request, form, template):
            return redirect("urging:template_list")
    return render(request, "urging/template_edit.html", {"template": template, "form": form})


def _save_template(request, form, template) -> bool:
    data = form.cleaned_data
    try:
        services.save_template(reason=data["reason"], subject=data["subject"], body=data["body"],
                               valid_from=data["valid_from"], valid_to=data["valid_to"],
                               template=template, acting_user=request.user)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    messages.success(request, _("Đã lưu mẫu nhắc nhở."))
    return True


def _campaign_or_404(request, code: str, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign, code=code)


@requires("urging.manage_templates", obj=_campaign_or_404)
def schedule(request, code: str, target: Campaign):
    current = ReminderSchedule.objects.filter(campaign=target).first()
    initial = ({"offsets": ", ".join(str(o) for o in current.offsets), "reasons": current.reasons,
                "is_active": current.is_active} if current else
               {"offsets": "-7, -1, 1", "reasons": ["not_registered", "returned"],
                "is_active": True})
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offsets = services.parse_offsets(form.cleaned_data["offsets"])
            services.save_schedule(campaign=target, offsets=offsets,
                                   reasons=form.cleaned_data["reasons"],
                                   is_active=form.cleaned_data["is_active"],
                                   acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã lưu lịch nhắc tự động."))
            return redirect("urging:schedule", code=target.code)
    return render(request, "urging/schedule.html", {"campaign": target, "form": form,
                                                    "schedule": current})
