"""Proposals on the web: the list (scoped, filtered), a new proposal, its page with the items and
their frozen verdicts, the items' forms, the achievement report (upload, generated Word file,
download), the workflow buttons and the standing office's screening page. Views are thin: the
services decide, check again and log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from audit.selectors import history_of
from awards.models import CommendationForm, EmulationTitle
from core.errors import DomainError
from core.forms import ReasonForm
from core.text import fold
from guidance.models import Campaign, CampaignStatus
from proposals import selectors, services
from proposals.docx import evaluated_on
from proposals.forms import CreateForm, FilterForm, ItemForm, ProposalForm, ReportForm, ScreenForm
from proposals.models import Proposal, ProposalItem
from proposals.workflow import PROPOSAL_TRANSITIONS
from registry.models import Exemplar
from uploads import private

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _proposal(request, pk, **_kwargs) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related(
        "unit", "unit__parent", "campaign", "campaign__pack", "approved_by"), pk=pk)


def _item(proposal: Proposal, item_id: int) -> ProposalItem:
    item = get_object_or_404(ProposalItem.objects.select_related(
        "exemplar__registration__unit", "exemplar__registration__campaign__pack", "form",
        "title"), pk=item_id, proposal=proposal)
    item.proposal = proposal
    return item


def _probe(request, **_kwargs) -> Proposal:
    """A not-yet-saved proposal of the user's first unit (for the "create" permission)."""
    unit = selectors.units_for_proposing(request.user).first()
    if unit is None:
        raise PermissionDenied
    return Proposal(unit=unit)


def _back(pk: int, anchor: str = ""):
    response = redirect("proposals:proposal_detail", pk=pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _invalid(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _award(value: str):
    kind, _sep, pk = (value or "").partition(":")
    model = {"form": CommendationForm, "title": EmulationTitle}.get(kind)
    entry = model.objects.filter(pk=int(pk)).first() if model and pk.isdigit() else None
    if entry is None:
        raise DomainError(_("Hãy chọn một hình thức khen thưởng hoặc một danh hiệu thi đua."),
                          field="award")
    return (entry, None) if kind == "form" else (None, entry)


def _open_campaigns():
    return Campaign.objects.exclude(status=CampaignStatus.CLOSED).order_by("-period_end_year",
                                                                           "code")


@requires("proposals.view_proposal_list")
def proposal_list(request):
    campaigns = list(Campaign.objects.order_by("-period_end_year", "code"))
    form = FilterForm(request.GET or None, campaigns=campaigns)
    wanted = form.cleaned_data if form.is_valid() else {}
    proposals = selectors.proposals_visible_to(request.user)
    if wanted.get("campaign"):
        proposals = proposals.filter(campaign__code=wanted["campaign"])
    if wanted.get("state"):
        proposals = proposals.filter(state=wanted["state"])
    rows = list(proposals.order_by("-created_at", "-pk")[:500])
    if needle := fold(wanted.get("unit") or ""):
        rows = [p for p in rows if needle in fold(p.unit.name)]
    return render(request, "proposals/proposal_list.html", {
        "rows": rows, "form": form,
        "can_create": selectors.units_for_proposing(request.user).exists()})


@requires("proposals.create_proposal", obj=_probe)
def proposal_create(request, target: Proposal):
    units = list(selectors.units_for_proposing(request.user))
    campaigns = list(_open_campaigns())
    form = CreateForm(request.POST or None, campaigns=campaigns, units=units)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            unit = next(u for u in units if str(u.pk) == data["unit"])
            campaign = next(c for c in campaigns if str(c.pk) == data["campaign"])
            try:
                proposal = services.create_proposal(
                    campaign=campaign, unit=unit, acting_user=request.user,
                    summary=data["summary"], letter_number=data["letter_number"],
                    letter_date=data["letter_date"], signer_name=data["signer_name"])
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã lập đề nghị; hãy thêm điển hình được đề nghị."))
                return redirect("proposals:proposal_detail", pk=proposal.pk)
        else:
            _invalid(request, form)
    return render(request, "proposals/proposal_form.html", {"form": form})


def _rows(proposal: Proposal, user) -> list[dict]:
    items = selectors.proposal_items(proposal)
    screening = user.has_perm("proposals.view_screening", proposal)
    rows = []
    for item in items:
        item.proposal = proposal
        rows.append({"item": item, "evaluated_on": evaluated_on(item),
                     "checks": selectors.screening_checks(item) if screening else None})
    return rows


@requires("proposals.view_proposal", obj=_proposal)
def proposal_detail(request, pk, target: Proposal):
    user = request.user
    can_edit = user.has_perm("proposals.change_proposal", target)
    return render(request, "proposals/proposal_detail.html", {
        "proposal": target, "rows": _rows(target, user), "can_edit": can_edit,
        "can_screen": user.has_perm("proposals.screen_proposal", target),
        "can_see_screening": user.has_perm("proposals.view_screening", target),
        "transitions": selectors.proposal_steps(target, user),
        "history": history_of(target),
        "proposal_form": ProposalForm(initial={
            "letter_number": target.letter_number, "letter_date": target.letter_date,
            "summary": target.summary, "signer_name": target.signer_name,
            "version": target.version}) if can_edit else None,
        "can_add": can_edit and selectors.addable_exemplars(target).exists(),
    })


def _run(request, pk: int, run, done: str, anchor: str = ""):
    try:
        run()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _back(pk, anchor)


@require_POST
@requires("proposals.change_proposal", obj=_proposal)
def proposal_update(request, pk, target: Proposal):
    form = ProposalForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(pk)
    data = form.cleaned_data
    return _run(request, pk, lambda: services.update_proposal(
        proposal=target, expected_version=data["version"], acting_user=request.user,
        summary=data["summary"], letter_number=data["letter_number"],
        letter_date=data["letter_date"], signer_name=data["signer_name"]),
        _("Đã lưu thông tin đề nghị."))


def _item_form(request, proposal: Proposal, *, item: ProposalItem | None = None):
    exemplars = [] if item else list(selectors.addable_exemplars(proposal))
    kind = item.exemplar.kind if item else None
    titles, forms_ = selectors.awards_for(kind)
    initial = {"version": proposal.version, "year": proposal.campaign.proposal_year}
    if item:
        initial.update(year=item.year, achievement=item.achievement,
                       award=f"form:{item.form_id}" if item.form_id else f"title:{item.title_id}")
    return ItemForm(request.POST or None, initial=initial, exemplars=exemplars, titles=titles,
                    forms_=forms_, editing=item is not None)


def _save_item(request, proposal: Proposal, form, item: ProposalItem | None):
    data = form.cleaned_data
    form_entry, title = _award(data["award"])
    if item is None:
        exemplar = get_object_or_404(Exemplar, pk=int(data["exemplar"]))
        return services.add_item(
            proposal=proposal, exemplar=exemplar, form=form_entry, title=title, year=data["year"],
            achievement=data["achievement"], expected_version=data["version"],
            acting_user=request.user)
    return services.update_item(
        item=item, form=form_entry, title=title, year=data["year"],
        achievement=data["achievement"], expected_version=data["version"],
        acting_user=request.user)


def _item_page(request, proposal: Proposal, item: ProposalItem | None):
    form = _item_form(request, proposal, item=item)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = _save_item(request, proposal, form, item)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã lưu điển hình “%(name)s” trong đề nghị; kết quả "
                                            "đánh giá được ghi nhận tại thời điểm này.")
                                 % {"name": saved.exemplar.name})
                return _back(proposal.pk, f"item-{saved.pk}")
        else:
            _invalid(request, form)
    return render(request, "proposals/item_form.html", {
        "proposal": proposal, "item": item, "form": form})


@requires("proposals.change_proposal", obj=_proposal)
def item_add(request, pk, target: Proposal):
    return _item_page(request, target, None)


@requires("proposals.change_proposal", obj=_proposal)
def item_edit(request, pk, item_id, target: Proposal):
    return _item_page(request, target, _item(target, item_id))


def _version(request) -> int | None:
    from core.forms import number

    return number(request.POST, "version")


@require_POST
@requires("proposals.change_proposal", obj=_proposal)
def item_remove(request, pk, item_id, target: Proposal):
    item = _item(target, item_id)
    return _run(request, pk, lambda: services.remove_item(
        item=item, expected_version=_version(request), acting_user=request.user),
        _("Đã bỏ điển hình khỏi đề nghị."))


@require_POST
@requires("proposals.change_proposal", obj=_proposal)
def item_refresh(request, pk, item_id, target: Proposal):
    item = _item(target, item_id)
    return _run(request, pk, lambda: services.refresh_verdict(
        item=item, expected_version=_version(request), acting_user=request.user),
        _("Đã cập nhật kết quả đánh giá theo minh chứng hiện có."), f"item-{item_id}")


@require_POST
@requires("proposals.change_proposal", obj=_proposal)
def report_upload(request, pk, item_id, target: Proposal):
    item = _item(target, item_id)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        _invalid(request, form)
        return _back(pk, f"item-{item_id}")
    upload = form.cleaned_data["report"]
    if upload.size is not None and upload.size > services.MAX_REPORT_BYTES:
        messages.error(request, _("Tệp lớn hơn 10 MB."))
        return _back(pk, f"item-{item_id}")
    return _run(request, pk, lambda: services.attach_report(
        item=item, name=upload.name or "", data=upload.read(),
        expected_version=form.cleaned_data.get("version"), acting_user=request.user),
        _("Đã tải lên báo cáo thành tích."), f"item-{item_id}")


@requires("proposals.view_proposal", obj=_proposal)
def report_download(request, pk, item_id, target: Proposal):
    item = _item(target, item_id)
    if not item.report_file:
        raise Http404
    return private.download(item.report_file, filename=item.report_name or "bao-cao",
                            content_type=item.report_content_type)


@requires("proposals.view_proposal", obj=_proposal)
def report_generate(request, pk, item_id, target: Proposal):
    from proposals.docx import render_report_docx, report_file_stem

    item = _item(target, item_id)
    response = HttpResponse(render_report_docx(item), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{report_file_stem(item)}.docx"'
    return response


@require_POST
@requires("proposals.transition_proposal", obj=_proposal)
def proposal_transition(request, pk, name, target: Proposal):
    from registry.views_lifecycle import take_step

    return take_step(
        request, table=PROPOSAL_TRANSITIONS, name=name, target=target,
        form=ReasonForm(request.POST), back=_back(pk),
        run=lambda data: services.transition_proposal(
            proposal=target, name=name, acting_user=request.user,
            reason=data.get("reason", ""), expected_version=data.get("version")))


@requires("proposals.view_screening", obj=_proposal)
def screening(request, pk, target: Proposal):
    return render(request, "proposals/screening.html", {
        "proposal": target, "rows": _rows(target, request.user),
        "can_screen": request.user.has_perm("proposals.screen_proposal", target),
        "transitions": selectors.proposal_steps(target, request.user),
        "screen_form": ScreenForm()})


@require_POST
@requires("proposals.screen_proposal", obj=_proposal)
def item_screen(request, pk, item_id, target: Proposal):
    item = _item(target, item_id)
    form = ScreenForm(request.POST)
    back = redirect("proposals:screening", pk=pk)
    back["Location"] += f"#item-{item_id}"
    if not form.is_valid():
        _invalid(request, form)
        return back
    data = form.cleaned_data
    try:
        services.screen_item(item=item, result=data["result"], note=data["note"],
                             expected_version=data.get("version"), acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi kết quả thẩm định của “%(name)s”.")
                         % {"name": item.exemplar.name})
    return back
