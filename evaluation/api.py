"""Evaluation over the API: an exemplar's verdict (the evaluation page's), its evidence (read,
and written exactly where the page allows it, through ``evaluation.services`` with the freeze
rules of ``evaluation.rules``), and the campaign table's verdicts."""

import datetime
from typing import Any, Literal

from django.http import Http404
from ninja import Field, File, Form, Query, Schema
from ninja.errors import ValidationError
from ninja.files import UploadedFile

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from evaluation import evidence as kinds
from evaluation import selectors, services, table
from evaluation.evidence import EvidenceKind
from evaluation.forms import evidence_form
from evaluation.rules import EvidenceRow
from evaluation.views import OUTCOME_LABELS, STATUS_LABELS
from guidance import selectors as guidance_selectors
from guidance.api import CampaignRef
from orgs.api import UnitRef
from registry.enums import SENT_STATES, ExemplarKind, ExemplarState
from registry.models import Exemplar
from registry.selectors import exemplars_visible_to

router = Router(tags=["Xét tiêu chuẩn"])

Outcome = Literal["eligible", "not_eligible", "missing_evidence", "awaiting_judgement"]
Value = str | int | float | bool | None


class ExemplarRef(Schema):
    id: int
    name: str
    kind: str
    field_key: str
    state: str
    registration_id: int
    unit: UnitRef

    @staticmethod
    def resolve_unit(obj: Exemplar):
        return obj.registration.unit


class JudgementOut(Schema):
    passed: bool
    note: str
    recorded_at: datetime.datetime
    recorded_by: str | None


class CriterionResultOut(Schema):
    code: str
    group: str
    text: str
    status: str = Field(description="pass | fail | unknown | needs_review")
    status_label: str
    reason: str
    judgement: JudgementOut | None


class VerdictOut(Schema):
    id: int = Field(description="Mã (id) của điển hình")
    exemplar: ExemplarRef
    campaign: CampaignRef
    eligible: bool | None
    outcome: Outcome
    outcome_label: str
    frozen: bool = Field(description="Biểu đã gửi cơ quan thường trực: minh chứng bị khóa")
    criteria: list[CriterionResultOut]


class VerdictRow(Schema):
    id: int = Field(description="Mã (id) của điển hình")
    exemplar: ExemplarRef
    eligible: bool | None
    outcome: Outcome
    outcome_label: str
    failing: list[str] = Field(description="Các tiêu chuẩn chưa đạt")


class RowOut(Schema):
    id: int
    kind: str
    values: dict[str, Value]
    entered_by_role: str
    changeable: bool = Field(description="Người dùng này sửa hoặc xóa được dòng này")


class SectionOut(Schema):
    kind: str
    label: str
    provided: bool
    rows: list[RowOut]


class EvidenceOut(Schema):
    id: int = Field(description="Mã (id) của điển hình")
    rated: bool | None
    frozen: bool
    can_enter: bool
    sections: list[SectionOut]


class RatedIn(Schema):
    rated: bool | None = Field(description="Thuộc diện đánh giá, xếp loại hằng năm (null: chưa rõ)")


class RatedOut(Schema):
    id: int
    rated: bool | None


def _exemplar(request, exemplar_id: int) -> Exemplar:
    visible = exemplars_visible_to(request.user).select_related("registration__campaign__pack")
    return visible_or_404(visible, exemplar_id)


def _plain(value: Any) -> Value:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _row(exemplar: Exemplar, kind_type: kinds.EvidenceType, row, user) -> dict:
    return {"id": row.pk, "kind": kind_type.kind,
            "values": {name: _plain(getattr(row, name)) for name in kind_type.fields},
            "entered_by_role": row.entered_by_role,
            "changeable": user.has_perm("evaluation.change_evidence_row",
                                        EvidenceRow(exemplar, row))}


def _section(exemplar, kind_type, found: selectors.Evidence, user) -> dict:
    return {"kind": kind_type.kind, "label": str(kind_type.label),
            "provided": found.provided(kind_type.kind),
            "rows": [_row(exemplar, kind_type, r, user) for r in found.of(kind_type.model)]}


def _judgement(j) -> dict | None:
    if j is None:
        return None
    return {"passed": j.passed, "note": j.note, "recorded_at": j.recorded_at,
            "recorded_by": (j.recorded_by.get_full_name() or j.recorded_by.get_username())
            if j.recorded_by else None}


@router.get("/exemplars/{int:exemplar_id}", response={200: VerdictOut, **READ_ERRORS},
            summary="Kết quả xét tiêu chuẩn của một điển hình")
def exemplar_verdict(request, exemplar_id: int):
    exemplar = _exemplar(request, exemplar_id)
    require(request.user, "evaluation.view_evaluation", exemplar)
    evaluation = selectors.exemplar_evaluation(exemplar)
    verdict = evaluation.verdict
    return {
        "id": exemplar.pk, "exemplar": exemplar, "campaign": exemplar.registration.campaign,
        "eligible": verdict.eligible, "outcome": verdict.outcome,
        "outcome_label": str(OUTCOME_LABELS[verdict.outcome]),
        "frozen": exemplar.registration.state in SENT_STATES,
        "criteria": [{"code": r.code, "group": r.group, "text": r.text, "status": str(r.status),
                      "status_label": str(STATUS_LABELS[str(r.status)]), "reason": r.reason,
                      "judgement": _judgement(evaluation.judgements.get(r.code))}
                     for r in verdict.criteria],
    }


def _evidence_out(exemplar: Exemplar, user) -> dict:
    evaluation = selectors.exemplar_evaluation(exemplar)
    found = evaluation.evidence
    return {
        "id": exemplar.pk, "rated": found.subject.rated if found.subject else None,
        "frozen": exemplar.registration.state in SENT_STATES,
        "can_enter": user.has_perm("evaluation.enter_evidence", exemplar),
        "sections": [_section(exemplar, t, found, user) for t in evaluation.types_shown()],
    }


@router.get("/exemplars/{int:exemplar_id}/evidence", response={200: EvidenceOut, **READ_ERRORS},
            summary="Minh chứng của một điển hình (các loại trang đánh giá hỏi)")
def exemplar_evidence(request, exemplar_id: int):
    exemplar = _exemplar(request, exemplar_id)
    require(request.user, "evaluation.view_evaluation", exemplar)
    return _evidence_out(exemplar, request.user)


def _form_errors(form) -> ValidationError:
    errors = []
    for name, messages in form.errors.items():
        for message in messages:
            errors.append({"loc": ("body", "values", name), "type": "form", "msg": str(message)})
    return ValidationError(errors)


def _check_fields(kind_type: kinds.EvidenceType, values: dict) -> None:
    unknown = [k for k in values if k not in kind_type.fields]
    if unknown:
        raise ValidationError([{"loc": ("body", "values", k), "type": "extra_forbidden"}
                               for k in unknown])


class EvidenceIn(Schema):
    values: dict[str, Value] = Field(
        description="Các trường của loại minh chứng (như biểu mẫu trên trang đánh giá); "
                    "ngày theo dạng YYYY-MM-DD")


@router.post("/exemplars/{int:exemplar_id}/evidence/{kind}",
             response={201: RowOut, **ERRORS}, auth=write,
             summary="Thêm minh chứng (hoặc thay dòng cùng năm, như trang đánh giá)")
def add_evidence(request, exemplar_id: int, kind: EvidenceKind, payload: EvidenceIn):
    exemplar = _exemplar(request, exemplar_id)
    kind_type = kinds.of_kind(getattr(kind, "value", kind))
    if kind_type is None:
        raise Http404
    _check_fields(kind_type, payload.values)
    form = evidence_form(kind_type.kind)(
        {k: ("" if v is None else v) for k, v in payload.values.items()},
        pack=exemplar.registration.campaign.pack.pack)
    if form.errors:
        raise _form_errors(form)
    row = services.add_evidence(exemplar=exemplar, kind=kind_type.kind,
                                values=form.cleaned_data, acting_user=request.user)
    return 201, _row(exemplar, kind_type, row, request.user)


@router.post("/exemplars/{int:exemplar_id}/evidence/{kind}/provided",
             response={200: SectionOut, **ERRORS}, auth=write,
             summary="Khai báo đã cung cấp loại minh chứng (có thể không có dòng nào)")
def declare_provided(request, exemplar_id: int, kind: EvidenceKind):
    exemplar = _exemplar(request, exemplar_id)
    kind_type = kinds.of_kind(getattr(kind, "value", kind))
    if kind_type is None:
        raise Http404
    services.declare_provided(exemplar=exemplar, kind=kind_type.kind, acting_user=request.user)
    found = selectors.evidence_for([exemplar.pk])[exemplar.pk]
    return _section(exemplar, kind_type, found, request.user)


@router.delete("/exemplars/{int:exemplar_id}/evidence/{kind}/{int:row_id}",
               response={204: None, **ERRORS}, auth=write, summary="Xóa một dòng minh chứng")
def remove_evidence(request, exemplar_id: int, kind: EvidenceKind, row_id: int):
    exemplar = _exemplar(request, exemplar_id)
    kind_type = kinds.of_kind(getattr(kind, "value", kind))
    if kind_type is None:
        raise Http404
    rows = selectors.evidence_for([exemplar.pk])[exemplar.pk].of(kind_type.model)
    if not any(r.pk == row_id for r in rows):
        raise Http404
    services.remove_evidence(exemplar=exemplar, kind=kind_type.kind, row_id=row_id,
                             acting_user=request.user)
    return 204, None


@router.put("/exemplars/{int:exemplar_id}/rated", response={200: RatedOut, **ERRORS},
            auth=write, summary="Thuộc diện đánh giá, xếp loại hằng năm hay không")
def set_rated(request, exemplar_id: int, payload: RatedIn):
    exemplar = _exemplar(request, exemplar_id)
    services.set_rated(exemplar=exemplar, rated=payload.rated, acting_user=request.user)
    return {"id": exemplar.pk, "rated": payload.rated}


class VerdictFilter(Schema):
    unit: int | None = Field(None, ge=1, le=2**31 - 1, description="Mã (id) đơn vị đăng ký")
    kind: ExemplarKind | None = Field(None, description="Loại điển hình")
    field: str | None = Field(None, max_length=8, description="Lĩnh vực (khóa trong bộ hướng dẫn)")
    state: ExemplarState | None = Field(None, description="Trạng thái của điển hình")
    outcome: Outcome | None = Field(None, description="Kết quả xét tiêu chuẩn")


@router.get("/campaigns/{int:campaign_id}/verdicts",
            response={200: list[VerdictRow], **READ_ERRORS},
            summary="Kết quả xét tiêu chuẩn của một đợt (bảng tổng hợp)")
@paginate
def campaign_verdicts(request, campaign_id: int, filters: Query[VerdictFilter]):
    """From the stored verdicts (``evaluation.table``), filtered and paged in SQL."""
    campaign = visible_or_404(guidance_selectors.campaigns(), campaign_id)
    require(request.user, "evaluation.view_campaign_evaluation", campaign)
    from accounts import roles

    chosen = {"unit": filters.unit, "field": filters.field or "", "kind": filters.kind or "",
              "state": filters.state or "", "outcome": filters.outcome or "",
              "scope": roles.scope_q(request.user, "registration__unit__tree_path")}
    counts, _updating = table.keep_current(campaign, chosen)
    return _Rows(campaign, table.Counted(table.campaign_table_query(campaign, chosen),
                                         counts.rows))


class _Rows:
    """The paginator's window of exemplars with their stored verdicts, as rows of the table."""

    def __init__(self, campaign, rows: table.Counted):
        self.campaign, self.rows = campaign, rows

    def count(self) -> int:
        return self.rows.count()

    def __getitem__(self, window: slice) -> list[dict]:
        out = []
        for e in table.current_rows(self.campaign, list(self.rows[window])):
            v = e.stored_verdict
            out.append({"id": e.pk, "exemplar": e, "eligible": v.eligible, "outcome": v.outcome,
                        "outcome_label": str(OUTCOME_LABELS[v.outcome]),
                        "failing": v.failing_codes})
        return out


# --- published lists as evidence (``evaluation.lists``) ---------------------------------------

class ListMatchedOut(Schema):
    row: int
    text: str = Field(description="tên đơn vị như ghi trong tệp")
    unit: str = Field(description="mã đơn vị")
    value: float | str | int | None


class ListUnmatchedOut(Schema):
    row: int
    text: str
    candidates: list[str] = Field(description="mã các đơn vị gần giống để chọn")


class ListErrorOut(Schema):
    row: int | None
    message: str


class PublishedListOut(Schema):
    ok: bool = Field(description="mọi dòng đã xác định được đơn vị và hợp lệ")
    applied: bool
    list_id: int | None = None
    kind: str
    year: int
    as_of: datetime.date
    value_column: str
    matched: list[ListMatchedOut]
    unmatched: list[ListUnmatchedOut]
    errors: list[ListErrorOut]


class ListKindOut(Schema):
    key: str
    label: str
    evidence: str
    value: str
    name_headers: list[str]
    value_headers: list[str]


@router.get("/published-list-kinds", response={200: list[ListKindOut], **READ_ERRORS},
            summary="Các loại danh sách công bố nhập được làm minh chứng")
def published_list_kinds(request):
    require(request.user, "evaluation.import_published_list")
    from evaluation import lists

    return [k.model_dump() for k in lists.kinds_offered()]


@router.post("/published-lists", auth=write, response={200: PublishedListOut, **ERRORS},
             summary="Nhập danh sách công bố làm minh chứng (xem trước với dry_run)")
def import_published_list(request, file: File[UploadedFile], kind: Form[str], year: Form[int],
                          as_of: Form[datetime.date | None] = None,
                          picks: Form[str] = "", dry_run: Form[bool] = False):
    """Each row's unit as the units stood on ``as_of`` (default 31/12 of ``year``); ``picks``
    chooses the unit of an unmatched row: ``"6=03394,7=03390"`` (row=unit code). Applied only
    when every row is resolved and valid (``ok``) and ``dry_run`` is false."""
    import unicodedata

    from evaluation import lists

    require(request.user, "evaluation.import_published_list")
    day = as_of or datetime.date(year, 12, 31)
    chosen = lists.picks_from_codes(filter(None, (p.strip() for p in picks.split(","))), day)
    values = {"filename": unicodedata.normalize("NFC", file.name or "danh-sach.xlsx"),
              "data": file.read(), "kind": kind, "year": year, "as_of": as_of,
              "acting_user": request.user, "picks": chosen}
    preview = lists.preview_list(**values)
    record = None
    if preview.ok and not dry_run:
        record = lists.apply_list(**values)
    return preview.as_json() | {"applied": record is not None,
                                "list_id": record.pk if record else None}
