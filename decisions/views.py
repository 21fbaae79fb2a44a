"""Decisions on the web: the list, drafting from the council's passed items, the decision page
(attached list, edit while a draft, issue, downloads, the signed file, revocation). Views are
thin: the services decide and log."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from audit.selectors import history_of
from core.errors import DomainError
from decisions import selectors, services
from decisions.forms import DraftForm, EditForm, IssueForm, RevokeForm, VersionForm
from decisions.models import Decision, DecisionState
from guidance.models import Campaign
from uploads import private

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _decision(request, pk, **_kwargs) -> Decision:
    return get_object_or_404(Decision.objects.select_related(
        "authority", "form", "title", "campaign", "campaign__pack", "meeting", "issued_by"),
        pk=pk)


def _nothing(request, **_kwargs):
    return None


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _back(pk: int, anchor: str = ""):
    response = redirect("decisions:decision_detail", pk=pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _run(request, form, pk: int, run, done: str, anchor: str = ""):
    if not form.is_valid():
        _errors(request, form)
        return _back(pk, anchor)
    try:
        run(form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _back(pk, anchor)


@requires("decisions.view_decision_list")
def decision_list(request):
    state = request.GET.get("state", "")
    found = selectors.decisions_visible_to(request.user)
    if state in DecisionState.values:
        found = found.filter(state=state)
    return render(request, "decisions/decision_list.html", {
        "decisions": found[:500], "state": state, "states": DecisionState.choices,
        "can_draft": request.user.has_perm("decisions.draft_decision")})


def _draft_scope(request) -> tuple:
    """The campaign (``?campaign=<code>``) and the council meeting (``?meeting=<id>``) whose
    passed items the draft may name."""
    from council.models import Meeting

    campaign = meeting = None
    if code := request.GET.get("campaign"):
        campaign = Campaign.objects.filter(code=code).first()
    if (value := request.GET.get("meeting", "")).isdigit() and len(value) < 19:
        meeting = Meeting.objects.filter(pk=int(value)).first()
    return campaign, meeting


def _draft_inputs(campaign, meeting):
    return {"authorities": selectors.active_authorities(),
            "items": selectors.passed_items(campaign=campaign, meeting=meeting).select_related(
                "proposal__unit", "exemplar", "form", "title")}


@requires("decisions.draft_decision", obj=_nothing)
def decision_create(request, target=None):
    campaign, meeting = _draft_scope(request)
    inputs = _draft_inputs(campaign, meeting)
    form = DraftForm(request.POST or None, **inputs)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                decision = services.create_draft(
                    authority=data["authority"], items=list(data["items"]),
                    campaign=campaign, meeting=meeting, signer_name=data.get("signer_name", ""),
                    signature_block=data.get("signature_block", ""), acting_user=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã lập dự thảo quyết định."))
                return redirect("decisions:decision_detail", pk=decision.pk)
        else:
            _errors(request, form)
    return render(request, "decisions/decision_create.html", {
        "form": form, "has_items": inputs["items"].exists(), "meeting": meeting,
        "campaigns": Campaign.objects.order_by("-period_start_year", "code")})


@requires("decisions.view_decision", obj=_decision)
def decision_detail(request, pk, target: Decision):
    from decisions.document import build

    user = request.user
    return render(request, "decisions/decision_detail.html", {
        "decision": target, "doc": build(target),
        "entries": selectors.decision_entries(target),
        "can_change": user.has_perm("decisions.change_decision", target),
        "can_issue": user.has_perm("decisions.issue_decision", target),
        "can_revoke": user.has_perm("decisions.revoke_decision", target),
        "can_attach": user.has_perm("decisions.attach_signed_decision", target),
        "signed_files": list(selectors.signed_files_of(target)),
        "edit_form": EditForm(initial={
            "version": target.version, "subject": target.subject,
            "legal_basis": target.legal_basis, "proposal_text": target.proposal_text,
            "articles": target.articles, "recipients": target.recipients,
            "signature_block": target.signature_block, "signer_name": target.signer_name}),
        "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
        "revoke_form": RevokeForm(),
        "max_upload_mb": settings.MAX_UPLOAD_BYTES // 2**20,
        "history": history_of(target)})


@require_POST
@requires("decisions.change_decision", obj=_decision)
def decision_edit(request, pk, target: Decision):
    def run(data):
        version = data.pop("version")
        services.update_draft(decision=target, expected_version=version,
                              acting_user=request.user, **data)

    return _run(request, EditForm(request.POST), pk, run, _("Đã lưu dự thảo."), "edit")


@require_POST
@requires("decisions.change_decision", obj=_decision)
def entry_remove(request, pk, entry_id, target: Decision):
    return _run(request, VersionForm(request.POST), pk, lambda data: services.remove_entry(
        decision=target, entry_id=entry_id, expected_version=data.get("version") or 0,
        acting_user=request.user), _("Đã bỏ khỏi danh sách kèm theo."), "entries")


@require_POST
@requires("decisions.change_decision", obj=_decision)
def decision_delete(request, pk, target: Decision):
    form = VersionForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(pk)
    try:
        services.delete_draft(decision=target, expected_version=form.cleaned_data.get("version"),
                              acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _back(pk)
    messages.success(request, _("Đã xóa dự thảo quyết định."))
    return redirect("decisions:decision_list")


@require_POST
@requires("decisions.issue_decision", obj=_decision)
def decision_issue(request, pk, target: Decision):
    return _run(request, IssueForm(request.POST), pk, lambda data: services.issue_decision(
        decision=target, issued_on=data["issued_on"], acting_user=request.user),
        _("Đã ban hành quyết định."))


@require_POST
@requires("decisions.revoke_decision", obj=_decision)
def decision_revoke(request, pk, target: Decision):
    return _run(request, RevokeForm(request.POST), pk, lambda data: services.revoke_decision(
        decision=target, reason=data["reason"], legal_basis=data["legal_basis"],
        acting_user=request.user), _("Đã thu hồi quyết định."))


@requires("decisions.view_decision", obj=_decision)
def decision_docx(request, pk, target: Decision):
    from decisions.document import file_stem
    from decisions.docx import render_decision_docx

    response = HttpResponse(render_decision_docx(target), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_stem(target)}.docx"'
    return response


@requires("decisions.view_decision", obj=_decision)
def decision_pdf(request, pk, target: Decision):
    from decisions.document import file_stem
    from decisions.pdf import render_decision_pdf

    response = HttpResponse(render_decision_pdf(target), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(target)}.pdf"'
    return response


@require_POST
@requires("decisions.attach_signed_decision", obj=_decision)
def signed_upload(request, pk, target: Decision):
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Hãy chọn tệp PDF của quyết định đã ký."))
        return _back(pk, "signed")
    try:
        signed = services.attach_signed_decision(decision=target, uploaded_file=uploaded,
                                                 acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã đính kèm quyết định đã ký. Kết quả kiểm tra: "
                                    "%(status)s.") % {"status": signed.get_status_display()})
    return _back(pk, "signed")


@requires("decisions.view_decision", obj=_decision)
def signed_download(request, pk, file_id, target: Decision):
    signed = get_object_or_404(target.signed_files, pk=file_id)
    # Always an attachment: an uploaded PDF is never rendered inside the application's origin.
    return private.download(signed.file, filename=signed.original_name,
                            content_type="application/pdf")
