"""Registrations and exemplars over the API (docs/api.md).

Thin like the web views: the same selectors scope what a token's owner sees (an object outside
it is a 404, as if absent), the same permissions open the same doors (403), the same forms
validate an entry, and the same services write, check versions, log and notify. The import is
the web's two steps (``registry.import_flow``); the downloads are the web's writers.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from core.errors import DomainError
from core.text import fold
from exports.api import JobOut, job_out
from guidance.models import Campaign
from registry import import_flow, selectors, services
from registry.enums import ExemplarKind, ExemplarState, RegistrationState
from registry.forms import ExemplarForm, RegistrationDetailsForm
from registry.models import Exemplar, Registration
from registry.quotas import quota_status
from registry.views_confirm import CONFIRMED
from registry.workflow import Transition
from uploads import staging

registrations = Router(tags=["Biểu đăng ký"])
exemplars = Router(tags=["Điển hình"])
compiled = Router(tags=["Danh sách tổng hợp"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _binary(*types: str, description: str) -> dict:
    """The OpenAPI answer of a download: the file's bytes in one of ``types``."""
    return {"responses": {200: {"description": description, "content": {
        t: {"schema": {"type": "string", "format": "binary"}} for t in types}}}}


# --- schemas ---------------------------------------------------------------------------------

class Ref(Schema):
    id: int
    code: str
    name: str


class StepOut(Schema):
    name: str = Field(description="Tên thao tác, dùng trong …/transitions/{name}")
    label: str
    needs_reason: bool
    needs_legal_basis: bool
    confirm: bool = Field(False, description="Trên web có bước xác nhận trước khi gửi")


class RegistrationOut(Schema):
    id: int
    campaign: Ref
    unit: Ref
    state: str
    state_label: str
    version: int
    signer_name: str
    recipients: str
    below_quota_reason: str
    return_reason: str
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    is_late: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_state_label(obj: Registration) -> str:
        return str(obj.get_state_display())


class QuotaLineOut(Schema):
    kind: str
    label: str
    required: int
    registered: int
    met: bool


class RegistrationQuotaOut(Schema):
    rule_label: str
    met: bool
    lines: list[QuotaLineOut]


class EntryRef(Schema):
    id: int
    position: int
    name: str
    field_key: str
    field_label: str
    state: str
    duplicate: bool = Field(description="Trùng tên với mục khác cùng loại trong biểu")


class RegistrationSectionOut(Schema):
    kind: str
    heading: str
    entries: list[EntryRef]


class RegistrationDetail(RegistrationOut):
    counts: dict[str, int]
    quota: RegistrationQuotaOut | None
    sections: list[RegistrationSectionOut]
    transitions: list[StepOut] = Field(description="Các thao tác người dùng được làm lúc này")
    can_edit: bool


class ExemplarOut(Schema):
    id: int
    registration_id: int
    campaign: Ref
    unit: Ref
    kind: str
    kind_label: str
    position: int
    name: str
    address: str
    head_name: str
    position_title: str
    work_unit: str
    gender: str
    birth_year: int | None
    ethnicity: str
    field_key: str
    field_label: str
    solutions: str
    notes: str
    state: str
    state_label: str
    state_changed_at: datetime.datetime | None
    state_reason: str
    legal_basis: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_campaign(obj: Exemplar) -> Campaign:
        return obj.registration.campaign

    @staticmethod
    def resolve_unit(obj: Exemplar):
        return obj.registration.unit

    @staticmethod
    def resolve_kind_label(obj: Exemplar) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_state_label(obj: Exemplar) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_field_label(obj: Exemplar, context) -> str:
        return str(_pack_of(obj.registration.campaign, context).field_label(obj.field_key))


class ExemplarDetail(ExemplarOut):
    transitions: list[StepOut]
    can_edit: bool


def _pack_of(campaign: Campaign, context=None):
    """The campaign's guidance pack, parsed once per request (a list shares its campaigns)."""
    request = (context or {}).get("request")
    cache = getattr(request, "_registry_packs", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._registry_packs = cache
    if campaign.pack_id not in cache:
        cache[campaign.pack_id] = campaign.pack.pack
    return cache[campaign.pack_id]


# --- filters ---------------------------------------------------------------------------------

class RegistrationFilter(Schema):
    campaign: str | None = Field(None, description="Đợt: mã (code) hoặc id")
    unit: str | None = Field(None, description="Đơn vị: mã (code) hoặc id")
    state: RegistrationState | None = Field(None, description="Trạng thái biểu")
    kind: ExemplarKind | None = Field(None, description="Có mục thuộc loại này")
    field: str | None = Field(None, max_length=8, description="Có mục thuộc lĩnh vực (field_key)")
    q: str | None = Field(None, max_length=200, description="Tên đơn vị chứa chuỗi này")


class ExemplarFilter(Schema):
    campaign: str | None = Field(None, description="Đợt: mã (code) hoặc id")
    unit: str | None = Field(None, description="Đơn vị đăng ký: mã (code) hoặc id")
    registration: int | None = Field(None, ge=1, le=2**63 - 1, description="Biểu đăng ký (id)")
    state: ExemplarState | None = Field(None, description="Trạng thái của điển hình")
    kind: ExemplarKind | None = Field(None, description="Loại")
    field: str | None = Field(None, max_length=8, description="Lĩnh vực (field_key)")
    q: str | None = Field(None, max_length=200, description="Tên chứa chuỗi này (không phân "
                                                           "biệt dấu, hoa thường)")


def _by_id_or_code(prefix: str, value: str) -> Q:
    """``value`` as the object's code, or its id when it is a number."""
    value = value.strip()
    lead = f"{prefix}__" if prefix else ""
    match = Q(**{f"{lead}code": value})
    if value.isdigit() and len(value) < 19:
        match |= Q(**{f"{lead}pk": int(value)})
    return match


def _filtered(items, filters, *, registration_prefix: str, entry_prefix: str):
    if filters.campaign:
        items = items.filter(_by_id_or_code(f"{registration_prefix}campaign", filters.campaign))
    if filters.unit:
        items = items.filter(_by_id_or_code(f"{registration_prefix}unit", filters.unit))
    if filters.kind:
        items = items.filter(**{f"{entry_prefix}kind": filters.kind})
    if filters.field:
        items = items.filter(**{f"{entry_prefix}field_key": filters.field.strip()})
    return items


# --- registrations ---------------------------------------------------------------------------

@registrations.get("/", response={200: list[RegistrationOut], **READ_ERRORS},
                   summary="Danh sách biểu đăng ký")
@paginate
def list_registrations(request, filters: Query[RegistrationFilter]):
    items = _filtered(selectors.registrations_visible_to(request.user), filters,
                      registration_prefix="", entry_prefix="exemplars__")
    if filters.state:
        items = items.filter(state=filters.state)
    if filters.q:
        items = items.filter(unit__name__icontains=filters.q.strip())
    if filters.kind or filters.field:
        items = items.distinct()
    return items.order_by("campaign_id", "unit__name", "pk")


def _steps(steps: list[Transition], confirmed=frozenset()) -> list[dict]:
    return [{"name": t.name, "label": str(t.label), "needs_reason": t.needs_reason,
             "needs_legal_basis": t.needs_legal_basis, "confirm": t.name in confirmed}
            for t in steps]


def _registration_detail(registration: Registration, user) -> Registration:
    counts = selectors.counts_by_kind(registration)
    duplicates = selectors.duplicate_names(registration)
    registration.counts = counts
    registration.quota = quota_status(registration.campaign, registration.unit, counts)
    registration.sections = [
        {"kind": section["kind"].value, "heading": section["heading"], "entries": [
            {"id": row["entry"].pk, "position": row["entry"].position, "name": row["entry"].name,
             "field_key": row["entry"].field_key, "field_label": str(row["field_label"]),
             "state": row["entry"].state, "duplicate": row["entry"].pk in duplicates}
            for row in section["rows"]]}
        for section in selectors.registration_sections(registration)]
    registration.transitions = _steps(selectors.registration_steps(registration, user), CONFIRMED)
    registration.can_edit = user.has_perm("registry.change_registration", registration)
    return registration


def _visible_registration(request, registration_id: int) -> Registration:
    return visible_or_404(selectors.registrations_visible_to(request.user), registration_id)


@registrations.get("/{int:registration_id}", response={200: RegistrationDetail, **READ_ERRORS},
                   summary="Một biểu đăng ký")
def get_registration(request, registration_id: int):
    registration = _visible_registration(request, registration_id)
    require(request.user, "registry.view_registration", registration)
    return _registration_detail(registration, request.user)


class StartIn(Schema):
    model_config = ConfigDict(extra="forbid")
    campaign: str = Field(description="Đợt: mã (code) hoặc id", max_length=64)


def _campaign_or_404(value: str) -> Campaign:
    found = Campaign.objects.select_related("pack").filter(_by_id_or_code("", value)).first()
    if found is None:
        raise Http404
    return found


@registrations.post("/", auth=write, response={200: RegistrationDetail, **ERRORS},
                    summary="Lập biểu đăng ký của đơn vị mình cho một đợt")
def start_registration(request, payload: StartIn):
    campaign = _campaign_or_404(payload.campaign)
    unit = selectors.own_unit_for_registering(request.user)
    if unit is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    registration = services.create_registration(campaign=campaign, unit=unit,
                                                acting_user=request.user)
    return _registration_detail(_visible_registration(request, registration.pk), request.user)


class DetailsIn(Schema):
    model_config = ConfigDict(extra="forbid")
    signer_name: str | None = Field(None, description="Thủ trưởng ký")
    recipients: str | None = Field(None, description="Nơi nhận, mỗi dòng một nơi")
    version: int = Field(description="version của biểu khi đọc")


def _form_invalid(form) -> Status:
    errors = [{"field": name if name != "__all__" else "__all__", "message": str(message)}
              for name, messages in form.errors.items() for message in messages]
    return Status(422, {"detail": _("Dữ liệu gửi lên chưa hợp lệ."), "errors": errors})


@registrations.patch("/{int:registration_id}", auth=write,
                     response={200: RegistrationDetail, **ERRORS},
                     summary="Sửa người ký và nơi nhận")
def update_registration(request, registration_id: int, payload: DetailsIn):
    registration = _visible_registration(request, registration_id)
    require(request.user, "registry.change_registration", registration)
    given = payload.dict(exclude_unset=True)
    data = {"signer_name": registration.signer_name, "recipients": registration.recipients,
            **{k: v or "" for k, v in given.items() if k != "version"},
            "version": str(payload.version)}
    form = RegistrationDetailsForm(data)
    if not form.is_valid():
        return _form_invalid(form)
    services.update_registration_details(
        registration=registration, signer_name=form.cleaned_data["signer_name"],
        recipients=form.cleaned_data["recipients"], expected_version=form.cleaned_data["version"],
        acting_user=request.user)
    return _registration_detail(_visible_registration(request, registration_id), request.user)


class StepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=5000, description="Lý do (bắt buộc với một số thao tác)")
    version: int | None = Field(None, description="version khi đọc; khác thì 409")


@registrations.post("/{int:registration_id}/transitions/{name}", auth=write,
                    response={200: RegistrationDetail, **ERRORS},
                    summary="Chuyển trạng thái biểu đăng ký (gửi, duyệt, tiếp nhận, trả lại…)")
def transition_registration(request, registration_id: int, name: str, payload: StepIn):
    registration = _visible_registration(request, registration_id)
    require(request.user, "registry.transition_registration", registration)
    services.transition_registration(registration=registration, transition=name,
                                     acting_user=request.user, reason=payload.reason,
                                     expected_version=payload.version)
    return _registration_detail(_visible_registration(request, registration_id), request.user)


# --- downloads -------------------------------------------------------------------------------

@registrations.get("/{int:registration_id}/export/{fmt}", response={**READ_ERRORS},
                   summary="Tải Biểu đăng ký (docx, pdf, xlsx)",
                   openapi_extra=_binary(DOCX, "application/pdf", XLSX,
                                         description="Tệp Biểu đăng ký"))
def export_registration(request, registration_id: int, fmt: str):
    from registry.io.document import registration_document
    from registry.io.export import CONTENT_TYPES, document_response

    registration = _visible_registration(request, registration_id)
    require(request.user, "registry.view_registration", registration)
    if fmt not in CONTENT_TYPES:
        raise Http404
    return document_response(registration_document(registration), fmt)


@registrations.get("/{int:registration_id}/blank/{fmt}", response={**READ_ERRORS},
                   summary="Tải mẫu trống của đơn vị (docx, xlsx)",
                   openapi_extra=_binary(DOCX, XLSX, description="Mẫu trống"))
def blank_registration(request, registration_id: int, fmt: str):
    from registry.io.document import blank_document
    from registry.io.export import BLANK_FORMATS, document_response

    registration = _visible_registration(request, registration_id)
    require(request.user, "registry.view_registration", registration)
    if fmt not in BLANK_FORMATS:
        raise Http404
    return document_response(blank_document(registration.unit, registration.campaign.pack.pack),
                             fmt)


# --- import ----------------------------------------------------------------------------------

class UnitCheckOut(Schema):
    status: str = Field(description="same | other | none")
    message: str
    units: list[Ref] = Field(description="Các đơn vị tệp ghi tên")


class PlanEntry(Schema):
    section: str
    section_label: str
    row: int
    name: str
    field_key: str | None
    field_label: str = Field(description="Lĩnh vực như trên biểu, hoặc chữ đã ghi nếu không nhận ra")
    field_ok: bool
    values: dict[str, Any]


class FieldChangeOut(Schema):
    label: str
    before: str
    after: str


class PlanChange(Schema):
    id: int
    kind: str
    name: str
    changes: list[FieldChangeOut]


class PlanKept(Schema):
    id: int
    kind: str
    name: str
    position: int


class RowErrorOut(Schema):
    section: str | None
    row: int | None
    column: str | None
    location: str
    message: str


class SectionLabel(Schema):
    kind: str
    label: str


class Confirmations(Schema):
    allow_delete: bool = Field(description="Phải gửi allow_delete=true: tệp xóa mục")
    delete_count: int
    allow_other_unit: bool = Field(description="Phải gửi allow_other_unit=true: tệp của đơn vị "
                                               "khác")


class PreviewOut(Schema):
    token: str | None = Field(description="Gửi lại ở …/import/confirm; null khi tệp còn lỗi")
    file_name: str
    registration_version: int
    can_apply: bool
    unusable: bool
    has_changes: bool
    unit_check: UnitCheckOut | None
    needs_confirmation: Confirmations
    entries: list[PlanEntry]
    added: list[PlanEntry]
    changed: list[PlanChange]
    removed: list[PlanKept]
    unchanged: list[PlanKept]
    kept_sections: list[SectionLabel]
    errors: list[RowErrorOut]


def _section_label(kind: str | None) -> str:
    return str(ExemplarKind(kind).label) if kind in ExemplarKind.values else ""


def _preview_out(registration: Registration, preview, name: str, token: str) -> dict:
    from registry.io.document import field_choice

    pack = registration.campaign.pack.pack

    def entry(e) -> dict:
        return {"section": e.section, "section_label": _section_label(e.section), "row": e.row,
                "name": e.name, "field_key": e.field,
                "field_label": field_choice(pack, e.field) if e.field else e.field_text,
                "field_ok": e.field is not None, "values": e.values}

    def kept(x) -> dict:
        return {"id": x.pk, "kind": x.kind, "name": x.name, "position": x.position}

    check = preview.unit_check
    return {
        "token": token or None, "file_name": name,
        "registration_version": preview.registration_version, "can_apply": preview.can_apply,
        "unusable": preview.unusable, "has_changes": preview.has_changes,
        "unit_check": None if check is None else {
            "status": check.status, "message": check.message(), "units": list(check.named)},
        "needs_confirmation": {"allow_delete": bool(preview.removed),
                               "delete_count": len(preview.removed),
                               "allow_other_unit": preview.other_unit},
        "entries": [entry(e) for e in preview.entries],
        "added": [entry(e) for e in preview.added],
        "changed": [{"id": c.exemplar.pk, "kind": c.exemplar.kind, "name": c.exemplar.name,
                     "changes": [vars(f) for f in c.changes]} for c in preview.changed],
        "removed": [kept(x) for x in preview.removed],
        "unchanged": [kept(x) for x in preview.unchanged],
        "kept_sections": [{"kind": k, "label": _section_label(k)} for k in preview.kept_sections],
        "errors": [e.as_json() for e in preview.errors],
    }


def _changeable_registration(request, registration_id: int) -> Registration:
    registration = _visible_registration(request, registration_id)
    require(request.user, "registry.change_registration", registration)
    return registration


@registrations.post("/{int:registration_id}/import", auth=write,
                    response={200: PreviewOut, **ERRORS},
                    summary="Nhập từ tệp — bước 1: tải tệp lên, xem trước")
def import_preview(request, registration_id: int, file: File[UploadedFile]):
    import unicodedata

    registration = _changeable_registration(request, registration_id)
    refusal = import_flow.size_refusal(file.size)
    if refusal:
        raise DomainError(refusal, field="file")
    name = unicodedata.normalize("NFC", file.name or "")
    try:
        preview, token = import_flow.preview_upload(registration=registration, name=name,
                                                    data=file.read(), user_id=request.user.pk)
    except staging.StagingFull as full:
        raise DomainError(full.message, field="file") from full
    return _preview_out(registration, preview, name, token)


class FilePreviewOut(PreviewOut):
    registration_id: int = Field(description="Biểu đăng ký tệp được nhập vào: gửi xác nhận ở "
                                             "/registrations/{registration_id}/import/confirm")
    unit: Ref = Field(description="Đơn vị tệp ghi tên")
    campaign: Ref = Field(description="Đợt đang nhận đăng ký theo hướng dẫn tệp ghi số hiệu")
    started: bool = Field(description="true: đơn vị chưa có biểu cho đợt này, vừa được lập")


@registrations.post("/import", auth=write, response={200: FilePreviewOut, **ERRORS},
                    summary="Nhập từ tệp, không nêu biểu: tệp cho biết đơn vị và hướng dẫn")
def import_from_file(request, file: File[UploadedFile]):
    """The home page's import (``registry.home_import``): the registration is found from the
    file; the confirmation is the registration's own ``…/import/confirm``."""
    import unicodedata

    from registry import home_import

    require(request.user, "registry.import_form_file")
    refusal = import_flow.size_refusal(file.size)
    if refusal:
        raise DomainError(refusal, field="file")
    name = unicodedata.normalize("NFC", file.name or "")
    try:
        found = home_import.preview_from_file(name=name, data=file.read(),
                                              acting_user=request.user)
    except home_import.HomeImportRefused as refused:
        raise DomainError(refused.message, field="file") from refused
    except staging.StagingFull as full:
        raise DomainError(full.message, field="file") from full
    registration = found.registration
    return {**_preview_out(registration, found.preview, name, found.token),
            "registration_id": registration.pk, "unit": registration.unit,
            "campaign": {"id": registration.campaign.pk, "code": registration.campaign.code,
                         "name": registration.campaign.name},
            "started": found.started}


class ConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=100, description="token của bản xem trước")
    allow_delete: bool = Field(False, description="Xác nhận xóa các mục không còn trong tệp")
    allow_other_unit: bool = Field(False, description="Xác nhận nhập tệp của đơn vị khác")


class ImportedOut(Schema):
    detail: str
    file_name: str
    added: int
    changed: int
    removed: int
    version: int


@registrations.post("/{int:registration_id}/import/confirm", auth=write,
                    response={200: ImportedOut, **ERRORS},
                    summary="Nhập từ tệp — bước 2: xác nhận, áp dụng")
def import_confirm(request, registration_id: int, payload: ConfirmIn):
    registration = _changeable_registration(request, registration_id)
    done = import_flow.confirm_staged(registration=registration, token=payload.token,
                                      acting_user=request.user,
                                      allow_delete=payload.allow_delete,
                                      allow_other_unit=payload.allow_other_unit)
    result = done.result
    return {"detail": _("Đã nhập biểu đăng ký từ tệp “%(name)s”: thêm %(added)s, sửa "
                        "%(changed)s, xóa %(removed)s mục.")
            % {"name": done.name, "added": result.added, "changed": result.changed,
               "removed": result.removed},
            "file_name": done.name, "added": result.added, "changed": result.changed,
            "removed": result.removed, "version": result.version}


# --- exemplars -------------------------------------------------------------------------------

@exemplars.get("/", response={200: list[ExemplarOut], **READ_ERRORS},
               summary="Danh sách điển hình")
@paginate
def list_exemplars(request, filters: Query[ExemplarFilter]):
    items = _filtered(selectors.exemplars_visible_to(request.user), filters,
                      registration_prefix="registration__", entry_prefix="")
    if filters.registration is not None:
        items = items.filter(registration_id=filters.registration)
    if filters.state:
        items = items.filter(state=filters.state)
    if filters.q:
        items = items.filter(folded_name__contains=fold(filters.q)[:255])
    return items.order_by("registration_id", "kind", "position", "pk")


def _visible_exemplar(request, exemplar_id: int) -> Exemplar:
    return visible_or_404(selectors.exemplars_visible_to(request.user).select_related(
        "registration__campaign__pack"), exemplar_id)


def _exemplar_detail(exemplar: Exemplar, user) -> Exemplar:
    exemplar.transitions = _steps(selectors.exemplar_steps(exemplar, user))
    exemplar.can_edit = user.has_perm("registry.change_registration", exemplar.registration)
    return exemplar


@exemplars.get("/{int:exemplar_id}", response={200: ExemplarDetail, **READ_ERRORS},
               summary="Một điển hình")
def get_exemplar(request, exemplar_id: int):
    exemplar = _visible_exemplar(request, exemplar_id)
    require(request.user, "registry.view_exemplar", exemplar)
    return _exemplar_detail(exemplar, request.user)


_TEXT = Field(None, max_length=5000)


class ExemplarFields(Schema):
    """An entry's columns, as on the web form; a column the entry's kind has not is refused."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, max_length=255, description="Tên; họ và tên; chủ hộ; tên mô "
                                                             "hình")
    address: str | None = Field(None, max_length=255)
    head_name: str | None = Field(None, max_length=255, description="Tập thể")
    position_title: str | None = Field(None, max_length=255, description="Cá nhân")
    work_unit: str | None = Field(None, max_length=255, description="Cá nhân")
    gender: str | None = Field(None, max_length=8, description="Cá nhân: male | female")
    birth_year: int | None = Field(None, description="Cá nhân")
    ethnicity: str | None = Field(None, max_length=40, description="Cá nhân, hộ gia đình")
    field_key: str | None = Field(None, max_length=8, description="Lĩnh vực trong danh mục")
    solutions: str | None = _TEXT
    notes: str | None = _TEXT


class ExemplarIn(ExemplarFields):
    kind: ExemplarKind


class ExemplarPatch(ExemplarFields):
    version: int = Field(description="version của điển hình khi đọc; khác thì 409")


def _entry_form(kind: str, pack, given: dict, instance: Exemplar | None = None):
    """The web's ``ExemplarForm`` over the entry's current values and the given ones, or the
    422 answer naming the columns the kind has not."""
    from registry.forms import FIELDS_BY_KIND

    allowed = set(FIELDS_BY_KIND[ExemplarKind(kind)])
    foreign = [k for k in given if k not in allowed and k not in {"kind", "version"}]
    if foreign:
        return None, Status(422, {"detail": _("Dữ liệu gửi lên chưa hợp lệ."), "errors": [
            {"field": k, "message": _("Loại “%(kind)s” không có cột này.")
             % {"kind": ExemplarKind(kind).label}} for k in foreign]})
    current = {k: getattr(instance, k) for k in allowed} if instance is not None else {}
    data = {k: "" if v is None else str(v) for k, v in {**current, **given}.items()
            if k in allowed}
    form = ExemplarForm(data, instance=instance, kind=kind, pack=pack)
    if not form.is_valid():
        return None, _form_invalid(form)
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}, None


@registrations.post("/{int:registration_id}/exemplars", auth=write,
                    response={201: ExemplarDetail, **ERRORS},
                    summary="Thêm một mục vào biểu đăng ký")
def create_exemplar(request, registration_id: int, payload: ExemplarIn):
    registration = _changeable_registration(request, registration_id)
    given = payload.dict(exclude_unset=True)
    kind = given.pop("kind")
    data, refusal = _entry_form(kind, registration.campaign.pack.pack, given)
    if refusal:
        return refusal
    exemplar = services.add_exemplar(registration=registration, data={**data, "kind": kind},
                                     acting_user=request.user)
    return Status(201, _exemplar_detail(_visible_exemplar(request, exemplar.pk), request.user))


@exemplars.patch("/{int:exemplar_id}", auth=write, response={200: ExemplarDetail, **ERRORS},
                 summary="Sửa một mục (kèm version; 409 nếu người khác vừa sửa)")
def update_exemplar(request, exemplar_id: int, payload: ExemplarPatch):
    exemplar = _visible_exemplar(request, exemplar_id)
    require(request.user, "registry.change_exemplar", exemplar)
    given = payload.dict(exclude_unset=True)
    version = given.pop("version")
    data, refusal = _entry_form(exemplar.kind, exemplar.registration.campaign.pack.pack, given,
                                instance=exemplar)
    if refusal:
        return refusal
    services.update_exemplar(exemplar=exemplar, data=data, expected_version=version,
                             acting_user=request.user)
    return _exemplar_detail(_visible_exemplar(request, exemplar_id), request.user)


@exemplars.delete("/{int:exemplar_id}", auth=write, response={204: None, **ERRORS},
                  summary="Xóa một mục (kèm version; 409 nếu người khác vừa sửa)")
def delete_exemplar(request, exemplar_id: int,
                    version: int = Query(..., description="version của điển hình khi đọc")):
    exemplar = _visible_exemplar(request, exemplar_id)
    require(request.user, "registry.change_exemplar", exemplar)
    services.remove_exemplar(exemplar=exemplar, expected_version=version,
                             acting_user=request.user)
    return Status(204, None)


class LifecycleIn(StepIn):
    legal_basis: str = Field("", max_length=5000, description="Căn cứ (thu hồi công nhận)")


@exemplars.post("/{int:exemplar_id}/transitions/{name}", auth=write,
                response={200: ExemplarDetail, **ERRORS},
                summary="Chuyển trạng thái điển hình (bồi dưỡng, đề nghị, công nhận, rút…)")
def transition_exemplar(request, exemplar_id: int, name: str, payload: LifecycleIn):
    exemplar = _visible_exemplar(request, exemplar_id)
    require(request.user, "registry.move_exemplar", exemplar)
    services.transition_exemplar(exemplar=exemplar, name=name, acting_user=request.user,
                                 reason=payload.reason, legal_basis=payload.legal_basis,
                                 expected_version=payload.version)
    return _exemplar_detail(_visible_exemplar(request, exemplar_id), request.user)


# --- the compiled list -----------------------------------------------------------------------

class CompiledFilter(Schema):
    campaign: str = Field(description="Đợt: mã (code) hoặc id", max_length=64)
    field: str = Field("", max_length=8, description="Lĩnh vực (field_key)")
    kind: ExemplarKind | None = Field(None, description="Loại")
    unit: int | None = Field(None, description="Đơn vị đăng ký (id)")
    state: str = Field("", max_length=20, description="Phạm vi: mặc định các biểu đã gửi; "
                                                      "“all” mọi biểu")
    tinh: int | None = Field(None, description="Tỉnh, thành phố (id đơn vị cấp tỉnh), cho "
                                               "người dùng xem nhiều tỉnh")


@compiled.get("/{fmt}", response={202: JobOut, **READ_ERRORS},
              summary="Tải danh sách tổng hợp (xlsx, docx, csv, json)",
              description="Danh sách dài hơn ngưỡng (EXPORT_INLINE_ROWS) được lập trong nền: "
                          "trả 202 với tệp xuất; xem trạng thái ở url, tải ở download_url khi "
                          "xong. Word quá dài → 400.",
              openapi_extra=_binary(XLSX, DOCX, "text/csv", "application/json",
                                    description="Danh sách điển hình đăng ký"))
def compiled_list(request, fmt: str, filters: Query[CompiledFilter]):
    from exports.models import ExportJob
    from registry import dashboard
    from registry.exports import TooLarge, compiled_download

    campaign = _campaign_or_404(filters.campaign)
    require(request.user, "registry.view_compiled_list", campaign)
    if fmt not in dashboard.COMPILED_FORMATS:
        raise Http404
    from accounts import roles

    province = roles.province_filter(request.user, "" if filters.tinh is None
                                     else str(filters.tinh))
    chosen = dashboard.CompiledFilters.from_query({
        "field": filters.field, "kind": filters.kind or "",
        "unit": "" if filters.unit is None else str(filters.unit), "state": filters.state},
        paths=province.paths)
    answer = compiled_download(campaign, fmt, chosen, user=request.user,
                               language=getattr(request, "LANGUAGE_CODE", "vi"))
    if isinstance(answer, ExportJob):
        return Status(202, job_out(answer))
    if isinstance(answer, TooLarge):
        raise DomainError(answer.message)
    return answer
