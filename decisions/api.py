"""Decisions over the API (docs/api.md, docs/decisions.md): the web's selectors scope what a
token's owner sees (outside it: 404), the web's permissions open the doors (403), the web's
services draft, issue (numbering), revoke, check versions (409) and log."""

import datetime

from django.http import Http404, HttpResponse
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from decisions import selectors, services
from decisions.models import Decision, DecisionState

router = Router(tags=["Quyết định công nhận, khen thưởng"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DecisionAuthorityOut(Schema):
    id: int
    code: str
    name: str
    symbol: str


class DecisionEntryOut(Schema):
    id: int
    position: int
    name: str
    description: str
    achievement: str
    proposal_item_id: int | None
    exemplar_id: int | None = None
    award_subject_id: int | None = Field(None, description="Hồ sơ thành tích (sau khi ban hành)")
    award_record_id: int | None = Field(None, description="Khen thưởng ghi vào hồ sơ")

    @staticmethod
    def resolve_award_subject_id(obj) -> int | None:
        return obj.subject_id

    @staticmethod
    def resolve_award_record_id(obj) -> int | None:
        return obj.record_id

    @staticmethod
    def resolve_exemplar_id(obj) -> int | None:
        return obj.proposal_item.exemplar_id if obj.proposal_item_id else None


class DecisionOut(Schema):
    id: int
    state: DecisionState
    state_label: str
    authority: DecisionAuthorityOut
    reference: str = Field(description="“123/QĐ-UBND” khi đã ban hành; rỗng khi là dự thảo")
    number: int | None
    year: int | None
    issued_on: datetime.date | None
    subject: str
    form: str | None = Field(None, description="Hình thức khen thưởng (mã)")
    title: str | None = Field(None, description="Danh hiệu thi đua (mã)")
    award_name: str
    campaign: str | None = Field(None, description="Mã đợt")
    version: int
    revoked_at: datetime.datetime | None
    revoke_reason: str
    revoke_legal_basis: str

    @staticmethod
    def resolve_state_label(obj: Decision) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_form(obj: Decision) -> str | None:
        return obj.form.code if obj.form_id else None

    @staticmethod
    def resolve_title(obj: Decision) -> str | None:
        return obj.title.code if obj.title_id else None

    @staticmethod
    def resolve_award_name(obj: Decision) -> str:
        return (obj.title or obj.form).name

    @staticmethod
    def resolve_campaign(obj: Decision) -> str | None:
        return obj.campaign.code if obj.campaign_id else None


class DecisionDetail(DecisionOut):
    legal_basis: str
    proposal_text: str
    articles: str
    recipients: str
    signature_block: str
    signer_name: str
    entries: list[DecisionEntryOut]

    @staticmethod
    def resolve_entries(obj: Decision) -> list:
        return selectors.decision_entries(obj)


class DecisionFilter(Schema):
    state: DecisionState | None = Field(None, description="Trạng thái")
    year: int | None = Field(None, ge=1900, le=2999, description="Năm của số quyết định")
    authority: str | None = Field(None, max_length=40, description="Mã cơ quan ban hành")


def _visible(request, decision_id: int) -> Decision:
    decision = visible_or_404(selectors.decisions_visible_to(request.user), decision_id)
    require(request.user, "decisions.view_decision", decision)
    return decision


@router.get("/", response={200: list[DecisionOut], **READ_ERRORS}, summary="Danh sách quyết định")
@paginate
def list_decisions(request, filters: Query[DecisionFilter]):
    found = selectors.decisions_visible_to(request.user)
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.year:
        found = found.filter(year=filters.year)
    if filters.authority:
        found = found.filter(authority__code=filters.authority.strip())
    return found.order_by("-issued_on", "-number", "-pk")


@router.get("/{int:decision_id}", response={200: DecisionDetail, **READ_ERRORS},
            summary="Một quyết định, với danh sách kèm theo")
def get_decision(request, decision_id: int):
    return _visible(request, decision_id)


@router.get("/{int:decision_id}/docx", response={**READ_ERRORS}, summary="Tải quyết định (Word)")
def decision_docx(request, decision_id: int):
    from decisions.document import file_stem
    from decisions.docx import render_decision_docx

    decision = _visible(request, decision_id)
    response = HttpResponse(render_decision_docx(decision), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_stem(decision)}.docx"'
    return response


@router.get("/{int:decision_id}/pdf", response={**READ_ERRORS}, summary="Tải quyết định (PDF)")
def decision_pdf(request, decision_id: int):
    from decisions.document import file_stem
    from decisions.pdf import render_decision_pdf

    decision = _visible(request, decision_id)
    response = HttpResponse(render_decision_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(decision)}.pdf"'
    return response


class DecisionDraftIn(Schema):
    model_config = ConfigDict(extra="forbid")
    authority: str = Field(description="Mã cơ quan ban hành (ct-ubnd-tinh …)", max_length=40)
    items: list[int] = Field(description="id các điển hình được đề nghị (proposal items) đã "
                                         "được Hội đồng thông qua", min_length=1, max_length=500)
    meeting: int | None = Field(None, ge=1, lt=2**62,
                                description="Phiên họp Hội đồng đã thông qua (tùy chọn)")
    signer_name: str = Field("", max_length=150)
    signature_block: str = Field("", max_length=500)
    subject: str = Field("", max_length=500)
    legal_basis: str = Field("", max_length=20000)


@router.post("/", auth=write, response={200: DecisionDetail, **ERRORS},
             summary="Lập dự thảo quyết định từ các điển hình Hội đồng đã thông qua")
def create_draft(request, payload: DecisionDraftIn):
    from council.models import Meeting
    from proposals.models import ProposalItem

    require(request.user, "decisions.draft_decision")
    meeting = None
    if payload.meeting is not None:
        meeting = Meeting.objects.filter(pk=payload.meeting).first()
        if meeting is None:
            raise Http404
    authority = selectors.active_authorities().filter(code=payload.authority.strip()).first()
    if authority is None:
        raise Http404
    items = list(ProposalItem.objects.filter(pk__in=[i for i in payload.items if 0 < i < 2**62]))
    if len(items) != len(set(payload.items)):
        raise Http404
    decision = services.create_draft(
        authority=authority, items=items, meeting=meeting, signer_name=payload.signer_name,
        signature_block=payload.signature_block, subject=payload.subject,
        legal_basis=payload.legal_basis, acting_user=request.user)
    return _visible(request, decision.pk)


class DecisionEditIn(Schema):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(description="version khi đọc; khác thì 409")
    subject: str | None = Field(None, max_length=500)
    legal_basis: str | None = Field(None, max_length=20000)
    proposal_text: str | None = Field(None, max_length=5000)
    articles: str | None = Field(None, max_length=20000)
    recipients: str | None = Field(None, max_length=5000)
    signature_block: str | None = Field(None, max_length=500)
    signer_name: str | None = Field(None, max_length=150)


@router.patch("/{int:decision_id}", auth=write, response={200: DecisionDetail, **ERRORS},
              summary="Sửa dự thảo (quyết định đã ban hành không sửa được)")
def update_draft(request, decision_id: int, payload: DecisionEditIn):
    decision = _visible(request, decision_id)
    require(request.user, "decisions.change_decision", decision)
    changes = payload.dict(exclude={"version"}, exclude_none=True)
    services.update_draft(decision=decision, expected_version=payload.version,
                          acting_user=request.user, **changes)
    return _visible(request, decision_id)


class DecisionIssueIn(Schema):
    model_config = ConfigDict(extra="forbid")
    issued_on: datetime.date = Field(description="Ngày ban hành; số lấy theo năm của ngày này")


@router.post("/{int:decision_id}/issue", auth=write, response={200: DecisionDetail, **ERRORS},
             summary="Ban hành: cấp số, ghi hồ sơ thành tích, điển hình được công nhận")
def issue_decision(request, decision_id: int, payload: DecisionIssueIn):
    decision = _visible(request, decision_id)
    require(request.user, "decisions.issue_decision", decision)
    services.issue_decision(decision=decision, issued_on=payload.issued_on,
                            acting_user=request.user)
    return _visible(request, decision_id)


class DecisionRevokeIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(max_length=5000)
    legal_basis: str = Field(max_length=5000)


@router.post("/{int:decision_id}/revoke", auth=write, response={200: DecisionDetail, **ERRORS},
             summary="Thu hồi quyết định (giữ lại, đánh dấu thu hồi)")
def revoke_decision(request, decision_id: int, payload: DecisionRevokeIn):
    decision = _visible(request, decision_id)
    require(request.user, "decisions.revoke_decision", decision)
    services.revoke_decision(decision=decision, reason=payload.reason,
                             legal_basis=payload.legal_basis, acting_user=request.user)
    return _visible(request, decision_id)
