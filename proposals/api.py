"""Proposals over the API (docs/api.md, docs/proposals.md): the web's selectors scope what a
token's owner sees (outside it: 404), the web's permissions open the doors (403), the web's
services write, check versions (409) and log."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from awards.models import CommendationForm, EmulationTitle
from guidance.models import Campaign
from orgs.models import Unit
from proposals import selectors, services
from proposals.models import Proposal, ProposalItem, ProposalState
from registry.models import Exemplar

router = Router(tags=["Đề nghị công nhận, khen thưởng"])


class ProposalRef(Schema):
    id: int
    code: str
    name: str


class ProposalCriterionOut(Schema):
    code: str
    status: str
    reason: str


class ProposalVerdictOut(Schema):
    status: str = Field("", description="eligible, not_eligible, missing_evidence, "
                                        "awaiting_judgement — cố định khi đề nghị")
    status_label: str = ""
    evaluated_at: str = ""
    criteria: list[ProposalCriterionOut] = []


class ProposalItemOut(Schema):
    id: int
    exemplar_id: int
    exemplar_name: str
    exemplar_state: str
    form_id: int | None
    title_id: int | None
    award_name: str
    year: int
    achievement: str
    verdict: ProposalVerdictOut
    has_report: bool
    screening: str
    screening_note: str
    outcome: str


class ProposalOut(Schema):
    id: int
    campaign: ProposalRef
    unit: ProposalRef
    state: str
    state_label: str
    version: int
    letter_number: str
    letter_date: datetime.date | None
    summary: str
    signer_name: str
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    screened_at: datetime.datetime | None
    return_reason: str

    @staticmethod
    def resolve_state_label(obj: Proposal) -> str:
        return str(obj.get_state_display())


class ProposalStepOut(Schema):
    name: str
    label: str
    needs_reason: bool


class ProposalDetailOut(ProposalOut):
    items: list[ProposalItemOut]
    transitions: list[ProposalStepOut]
    can_edit: bool

    @staticmethod
    def resolve_items(obj) -> list:
        return obj.items_out


class ProposalFilter(Schema):
    campaign: str | None = Field(None, description="Đợt: mã (code) hoặc id", max_length=64)
    unit: str | None = Field(None, description="Đơn vị: mã (code) hoặc id", max_length=64)
    state: ProposalState | None = Field(None, description="Trạng thái đề nghị")


def _by_id_or_code(prefix: str, value: str) -> Q:
    value = value.strip()
    match = Q(**{f"{prefix}__code": value})
    if value.isdigit() and len(value) < 19:
        match |= Q(**{f"{prefix}__pk": int(value)})
    return match


def _item_out(item: ProposalItem) -> dict:
    verdict = item.verdict or {}
    return {
        "id": item.pk, "exemplar_id": item.exemplar_id, "exemplar_name": item.exemplar.name,
        "exemplar_state": item.exemplar.state, "form_id": item.form_id,
        "title_id": item.title_id, "award_name": item.award.name if item.award else "",
        "year": item.year, "achievement": item.achievement,
        "verdict": {"status": verdict.get("status", ""),
                    "status_label": verdict.get("status_label", ""),
                    "evaluated_at": verdict.get("evaluated_at", ""),
                    "criteria": [{"code": c.get("code", ""), "status": c.get("status", ""),
                                  "reason": c.get("reason", "")}
                                 for c in verdict.get("criteria", [])]},
        "has_report": item.has_report, "screening": item.screening,
        "screening_note": item.screening_note, "outcome": item.outcome,
    }


def _detail(proposal: Proposal, user) -> Proposal:
    proposal.items_out = [_item_out(i) for i in selectors.proposal_items(proposal)]
    proposal.transitions = [{"name": t.name, "label": str(t.label), "needs_reason": t.needs_reason}
                            for t in selectors.proposal_steps(proposal, user)]
    proposal.can_edit = user.has_perm("proposals.change_proposal", proposal)
    return proposal


def _visible(request, proposal_id: int) -> Proposal:
    proposal = visible_or_404(selectors.proposals_visible_to(request.user), proposal_id)
    require(request.user, "proposals.view_proposal", proposal)
    return proposal


def _item(proposal: Proposal, item_id: int) -> ProposalItem:
    item = proposal.items.select_related("exemplar__registration").filter(pk=item_id).first()
    if item is None:
        raise Http404
    item.proposal = proposal
    return item


@router.get("/", response={200: list[ProposalOut], **READ_ERRORS}, summary="Danh sách đề nghị")
@paginate
def list_proposals(request, filters: Query[ProposalFilter]):
    items = selectors.proposals_visible_to(request.user)
    if filters.campaign:
        items = items.filter(_by_id_or_code("campaign", filters.campaign))
    if filters.unit:
        items = items.filter(_by_id_or_code("unit", filters.unit))
    if filters.state:
        items = items.filter(state=filters.state)
    return items.order_by("-created_at", "-pk")


@router.get("/{int:proposal_id}", response={200: ProposalDetailOut, **READ_ERRORS},
            summary="Một đề nghị, các điển hình và kết quả đánh giá khi đề nghị")
def get_proposal(request, proposal_id: int):
    return _detail(_visible(request, proposal_id), request.user)


class ProposalCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")
    campaign: str = Field(description="Đợt: mã (code) hoặc id", max_length=64)
    unit: str | None = Field(None, description="Đơn vị (mã hoặc id); mặc định: đơn vị đầu "
                                               "tiên của người dùng", max_length=64)
    letter_number: str = Field("", max_length=60)
    letter_date: datetime.date | None = None
    summary: str = Field("", max_length=20000)
    signer_name: str = Field("", max_length=150)


def _one(model, value: str):
    value = value.strip()
    query = Q(code=value) | (Q(pk=int(value)) if value.isdigit() and len(value) < 19 else Q())
    found = model.objects.filter(query).first()
    if found is None:
        raise Http404
    return found


@router.post("/", auth=write, response={200: ProposalDetailOut, **ERRORS},
             summary="Lập đề nghị của đơn vị mình cho một đợt")
def create_proposal(request, payload: ProposalCreateIn):
    campaign = _one(Campaign, payload.campaign)
    mine = selectors.units_for_proposing(request.user)
    unit = _one(Unit, payload.unit) if payload.unit else mine.first()
    if unit is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    proposal = services.create_proposal(
        campaign=campaign, unit=unit, acting_user=request.user, summary=payload.summary,
        letter_number=payload.letter_number, letter_date=payload.letter_date,
        signer_name=payload.signer_name)
    return _detail(_visible(request, proposal.pk), request.user)


class ProposalItemIn(Schema):
    model_config = ConfigDict(extra="forbid")
    exemplar_id: int = Field(ge=1, le=2**53)
    form_id: int | None = Field(None, ge=1, le=2**53, description="Hình thức khen thưởng")
    title_id: int | None = Field(None, ge=1, le=2**53, description="Danh hiệu thi đua")
    year: int = Field(ge=1900, le=2200)
    achievement: str = Field("", max_length=20000)
    version: int | None = Field(None, description="version của đề nghị khi đọc; khác thì 409")


@router.post("/{int:proposal_id}/items", auth=write, response={200: ProposalDetailOut, **ERRORS},
             summary="Thêm điển hình vào đề nghị (kết quả đánh giá được cố định lúc này)")
def add_item(request, proposal_id: int, payload: ProposalItemIn):
    proposal = _visible(request, proposal_id)
    require(request.user, "proposals.change_proposal", proposal)
    exemplar = Exemplar.objects.filter(pk=payload.exemplar_id).first()
    if exemplar is None:
        raise Http404
    form = CommendationForm.objects.filter(pk=payload.form_id).first() if payload.form_id else None
    title = EmulationTitle.objects.filter(pk=payload.title_id).first() if payload.title_id else None
    if (payload.form_id and form is None) or (payload.title_id and title is None):
        raise Http404
    services.add_item(proposal=proposal, exemplar=exemplar, form=form, title=title,
                      year=payload.year, achievement=payload.achievement,
                      expected_version=payload.version, acting_user=request.user)
    return _detail(_visible(request, proposal_id), request.user)


class ProposalStepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=5000)
    version: int | None = Field(None, description="version khi đọc; khác thì 409")


@router.post("/{int:proposal_id}/transitions/{name}", auth=write,
             response={200: ProposalDetailOut, **ERRORS},
             summary="Trình duyệt, trả lại, duyệt, trả lại đơn vị, hoàn thành thẩm định")
def transition_proposal(request, proposal_id: int, name: str, payload: ProposalStepIn):
    proposal = _visible(request, proposal_id)
    require(request.user, "proposals.transition_proposal", proposal)
    services.transition_proposal(proposal=proposal, name=name, acting_user=request.user,
                                 reason=payload.reason, expected_version=payload.version)
    return _detail(_visible(request, proposal_id), request.user)


class ProposalScreenIn(Schema):
    model_config = ConfigDict(extra="forbid")
    result: str = Field(description="accepted hoặc returned", max_length=20)
    note: str = Field("", max_length=5000, description="Bắt buộc khi trả lại")
    version: int | None = None


@router.post("/{int:proposal_id}/items/{int:item_id}/screening", auth=write,
             response={200: ProposalDetailOut, **ERRORS},
             summary="Thẩm định một điển hình (Cơ quan Thường trực)")
def screen_item(request, proposal_id: int, item_id: int, payload: ProposalScreenIn):
    proposal = _visible(request, proposal_id)
    require(request.user, "proposals.screen_proposal", proposal)
    services.screen_item(item=_item(proposal, item_id), result=payload.result, note=payload.note,
                         expected_version=payload.version, acting_user=request.user)
    return _detail(_visible(request, proposal_id), request.user)
