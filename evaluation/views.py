"""The exemplar's evaluation page (checklist, evidence, judgements) and the campaign table."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.access import requires
from accounts.models import Role
from core.errors import DomainError
from evaluation import evidence as kinds
from evaluation import lists, selectors, services, table
from evaluation import models as m
from evaluation.engine import CriterionResult, Verdict
from evaluation.evidence import of_kind
from evaluation.forms import (
    CampaignFilterForm,
    JudgementForm,
    ProofForm,
    RatedForm,
    evidence_form,
)
from evaluation.rules import EvidenceRow, keeps_office_rows
from evaluation.table import OUTCOME_LABELS
from guidance.models import Campaign
from orgs.models import Unit
from registry.enums import SENT_STATES
from registry.models import Exemplar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_LABELS = {
    "pass": gettext_lazy("Đạt"),
    "fail": gettext_lazy("Không đạt"),
    "unknown": gettext_lazy("Thiếu minh chứng"),
    "needs_review": gettext_lazy("Chờ đánh giá"),
}
PAGE_SIZE = 50


def _exemplar(request, pk, **_kwargs) -> Exemplar:
    return get_object_or_404(Exemplar.objects.select_related(
        "registration__unit", "registration__campaign__pack"), pk=pk)


def _evidence_row(request, pk, kind, row_id, **_kwargs) -> EvidenceRow:
    exemplar = _exemplar(request, pk)
    kind_type = of_kind(kind)
    if kind_type is None:
        raise Http404
    row = get_object_or_404(kind_type.model, subject__exemplar_links__exemplar=exemplar,
                            pk=row_id)
    return EvidenceRow(exemplar, row)


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


@dataclass
class ChecklistRow:
    result: CriterionResult
    label: str
    judgement: m.Judgement | None


def _checklist(verdict: Verdict, judgements: dict[str, m.Judgement]) -> list[ChecklistRow]:
    return [ChecklistRow(r, str(STATUS_LABELS[str(r.status)]), judgements.get(r.code))
            for r in verdict.criteria]


def _describe(row: Any, names: Iterable[str], labels: dict[str, str]) -> str:
    """One evidence row as a line of text: its form's fields, scale keys by their labels."""
    parts = []
    for name in names:
        value = getattr(row, name)
        if value is None or value == "":
            continue
        if name in ("level",):
            value = labels.get(value, value)
        elif hasattr(row, f"get_{name}_display"):
            value = getattr(row, f"get_{name}_display")()
        elif hasattr(value, "strftime"):
            value = value.strftime("%d/%m/%Y")
        elif isinstance(value, bool):
            value = _("có") if value else _("không")
        parts.append(str(value))
    return " · ".join(parts)


def _sections(evidence: selectors.Evidence, types: list[kinds.EvidenceType],
              labels: dict[str, str], forms: dict[str, Any], removable) -> list[dict[str, Any]]:
    return [{
        "kind": t.kind, "label": t.label,
        "provided": evidence.provided(t.kind), "form": forms.get(t.kind),
        "rows": [(row.pk, _describe(row, t.fields, labels), removable(row),
                  row.entered_by_role == Role.STANDING_OFFICE)
                 for row in evidence.of(t.model)],
        # documents another app keeps (the award history's decisions: ``evaluation.external``)
        "kept": [_document(d) for d in evidence.external.get(t.kind, ())],
    } for t in types]


def _document(document) -> str:
    """A kept document as the page lists it: content — number — date (dd/mm/yyyy) — issuer."""
    day = document.date or ""
    if len(day) == 10 and day[4] == "-":  # ISO yyyy-mm-dd, as the engine's documents carry it
        day = f"{day[8:10]}/{day[5:7]}/{day[0:4]}"
    parts = [document.content or "",
             _("Quyết định số %(n)s") % {"n": document.number} if document.number else "",
             _("ngày %(d)s") % {"d": day} if day else "", document.authority or ""]
    return " — ".join(p for p in parts if p)


def _legend(pack, exemplar: Exemplar, verdict: Verdict) -> list[tuple[str, str]]:
    """Every code the page shows, with what it means: the criteria (G1–G6, the field's codes
    such as K5) and the field key ("d1")."""
    legend = [(r.code, r.text) for r in verdict.criteria]
    field = pack.field(exemplar.field_key)
    if field is not None:
        legend.append((field.key, _("Lĩnh vực: %(label)s") % {"label": field.label}))
    return legend


def _page_context(exemplar: Exemplar, user) -> dict[str, Any]:
    """Everything the page shows, from one read of the exemplar's evidence and judgements."""
    campaign = exemplar.registration.campaign
    pack = campaign.pack.pack
    evaluation = selectors.exemplar_evaluation(exemplar)
    evaluator, judgements, evidence, verdict = (evaluation.evaluator, evaluation.judgements,
                                                evaluation.evidence, evaluation.verdict)
    judged = [(r.code, f"{r.code} — {r.text[:80]}") for r in verdict.criteria
              if r.code in (evaluator.vocabulary.judgement_codes or ())]
    can_enter = user.has_perm("evaluation.enter_evidence", exemplar)

    def removable(row) -> bool:
        # "evaluation.change_evidence_row" without asking "enter_evidence" again per row.
        return can_enter and (user.is_superuser
                              or keeps_office_rows.test(user, EvidenceRow(exemplar, row)))
    labels = {lv.key: lv.label for lv in [*pack.ratings, *pack.disciplines]}
    types = evaluation.types_shown()
    forms = ({t.kind: evidence_form(t.kind)(pack=pack, prefix=t.kind)
              for t in types} if can_enter else {})
    return {
        "exemplar": exemplar, "campaign": campaign, "pack": pack, "verdict": verdict,
        "outcome_label": OUTCOME_LABELS[verdict.outcome],
        "checklist": _checklist(verdict, judgements),
        "sections": _sections(evidence, types, labels, forms, removable),
        "legend": _legend(pack, exemplar, verdict),
        "frozen": exemplar.registration.state in SENT_STATES,
        "proofs": evidence.of(m.Proof), "can_enter": can_enter,
        "can_judge": user.has_perm("evaluation.record_judgement", exemplar),
        "judgement_form": JudgementForm(codes=judged),
        "rated_form": RatedForm(initial={"rated": {True: "1", False: "0"}.get(
            evidence.subject.rated if evidence.subject else None, "")}),
        "proof_form": ProofForm(),
        # figures of the province's published lists, a unit's own differing figure flagged
        "published": lists.published_for(evidence.subject),
    }


@requires("evaluation.view_evaluation", obj=_exemplar)
def exemplar_evaluation(request, pk, target: Exemplar):
    context = _page_context(target, request.user)
    return render(request, "evaluation/exemplar_evaluation.html", context)


@require_POST
@requires("evaluation.enter_evidence", obj=_exemplar)
def evidence_add(request, pk, kind, target: Exemplar):
    form_class = evidence_form(kind)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, pack=target.registration.campaign.pack.pack, prefix=kind)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("evaluation:exemplar_evaluation", pk=pk)
    try:
        services.add_evidence(exemplar=target, kind=kind, values=form.cleaned_data,
                              acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã lưu minh chứng."))
    return redirect("evaluation:exemplar_evaluation", pk=pk)


@require_POST
@requires("evaluation.enter_evidence", obj=_exemplar)
def evidence_declare(request, pk, kind, target: Exemplar):
    try:
        services.declare_provided(exemplar=target, kind=kind, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:exemplar_evaluation", pk=pk)


@require_POST
@requires("evaluation.change_evidence_row", obj=_evidence_row)
def evidence_remove(request, pk, kind, row_id, target: EvidenceRow):
    try:
        services.remove_evidence(exemplar=target.exemplar, kind=kind, row_id=row_id,
                                 acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xóa minh chứng."))
    return redirect("evaluation:exemplar_evaluation", pk=pk)


@require_POST
@requires("evaluation.enter_evidence", obj=_exemplar)
def subject_rated(request, pk, target: Exemplar):
    form = RatedForm(request.POST)
    if form.is_valid():
        services.set_rated(exemplar=target, rated=form.cleaned_data["rated"],
                           acting_user=request.user)
    return redirect("evaluation:exemplar_evaluation", pk=pk)


@require_POST
@requires("evaluation.enter_evidence", obj=_exemplar)
def proof_attach(request, pk, target: Exemplar):
    form = ProofForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_proof(exemplar=target, upload=form.cleaned_data["file"],
                                  acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã đính kèm minh chứng."))
    else:
        messages.error(request, _("Hãy chọn tệp minh chứng."))
    return redirect("evaluation:exemplar_evaluation", pk=pk)


@requires("evaluation.view_evaluation", obj=_exemplar)
def proof_download(request, pk, proof_id, target: Exemplar):
    """One of the proofs the exemplar's evaluation page lists, to whoever may see that page;
    always an attachment, under its original name."""
    from uploads import private

    listed = selectors.evidence_for([target.pk])[target.pk].of(m.Proof)
    proof = next((p for p in listed if p.pk == proof_id), None)
    if proof is None:
        raise Http404
    content_type = "application/pdf" if proof.kind == m.ProofKind.PDF else (
        "image/png" if proof.file.name.endswith(".png") else "image/jpeg")
    return private.download(proof.file, filename=proof.original_name, content_type=content_type)


@require_POST
@requires("evaluation.record_judgement", obj=_exemplar)
def judgement_record(request, pk, target: Exemplar):
    codes = [(c, c) for c in request.POST.getlist("criterion_code")]
    form = JudgementForm(request.POST, codes=codes)
    if form.is_valid():
        try:
            services.record_judgement(
                exemplar=target, criterion_code=form.cleaned_data["criterion_code"],
                passed=form.cleaned_data["passed"], note=form.cleaned_data["note"],
                acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi ý kiến thẩm định."))
    else:
        messages.error(request, _("Hãy chọn tiêu chuẩn và kết luận."))
    return redirect("evaluation:exemplar_evaluation", pk=pk)


# --- the campaign table -------------------------------------------------------------------------


def _filters(campaign: Campaign, query, user) -> tuple[CampaignFilterForm, dict[str, Any]]:
    """The filter form and its choices, with ``scope``: the rows ``user`` may read (their
    province; every province for the national role)."""
    from accounts import roles

    units = roles.scoped(Unit.objects.filter(registrations__campaign=campaign), user,
                         "tree_path").order_by("sort_key")
    form = CampaignFilterForm(query or None, pack=campaign.pack.pack,
                              units=[(u.pk, u.name) for u in units])
    data = dict(form.cleaned_data) if form.is_valid() else {}
    data["scope"] = roles.under(roles.province_paths(user), "registration__unit__tree_path")
    return form, data


@require_safe  # a read that may fill stored verdicts: never on a POST
@requires("evaluation.view_campaign_evaluation", obj=_campaign)
def campaign_evaluation(request, campaign_code, target: Campaign):
    form, filters = _filters(target, request.GET, request.user)
    counts, updating = table.keep_current(target, filters)
    paginator = Paginator(table.Counted(table.campaign_table_query(target, filters), counts.rows),
                          PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = table.current_rows(target, list(page.object_list))
    pack = target.pack.pack
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "evaluation/campaign_evaluation.html", {
        "campaign": target, "form": form, "page": page, "total": counts.rows,
        "updating": counts.stale if updating else 0,
        "headers": table.headers(), "query": query.urlencode(),
        "rows": [(e, getattr(e, "stored_verdict", None) and e.stored_verdict.outcome,
                  table.row_cells(e, pack, target)) for e in rows],
    })


@require_safe
@requires("evaluation.view_campaign_evaluation", obj=_campaign)
def campaign_evaluation_xlsx(request, campaign_code, target: Campaign):
    """The table's rows under the same filters, from the stored verdicts: streamed into a
    temporary file (openpyxl's write-only mode) when short, made by the worker (its status
    page) when longer than ``EXPORT_INLINE_ROWS``."""
    from evaluation.exports import ExportJob, table_download

    _form, filters = _filters(target, request.GET, request.user)
    table.keep_current(target, filters)
    answer = table_download(target, filters, user=request.user,
                            language=getattr(request, "LANGUAGE_CODE", "vi"))
    if isinstance(answer, ExportJob):
        messages.info(request, _("Bảng dài nên tệp được lập trong nền; khi xong, nút tải về "
                                 "hiện trên trang này."))
        return redirect(answer)
    return answer
