"""Progress over the API: the same selectors and services as the pages (scoping, checks on
files, audit log). An exemplar another unit owns answers 404, as if absent."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, File, Form, Query, Schema, Status
from ninja.files import UploadedFile

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from core.text import clean
from guidance.models import Campaign
from progress import selectors, services
from progress.models import ProgressUpdate
from registry.enums import ExemplarKind, ExemplarState
from registry.models import Exemplar
from registry.selectors import exemplars_visible_to

router = Router(tags=["Tiến độ"])


class ProgressAttachmentOut(Schema):
    id: int
    kind: str
    original_name: str
    size: int
    content_type: str


class ProgressUpdateOut(Schema):
    id: int
    exemplar_id: int
    on_date: datetime.date
    text: str
    percent: int
    quality_note: str
    author: str
    created_at: datetime.datetime
    withdrawn: bool
    withdrawn_reason: str
    attachments: list[ProgressAttachmentOut]

    @staticmethod
    def resolve_author(obj: ProgressUpdate) -> str:
        return (obj.author.get_full_name() or obj.author.username) if obj.author else ""

    @staticmethod
    def resolve_withdrawn(obj: ProgressUpdate) -> bool:
        return obj.withdrawn_at is not None

    @staticmethod
    def resolve_attachments(obj: ProgressUpdate) -> list:
        return list(obj.attachments.all())


class ProgressRow(Schema):
    id: int
    name: str
    kind: str
    field_key: str
    state: str
    unit_id: int
    unit: str
    last_update_on: datetime.date | None
    last_percent: int | None
    is_late: bool

    @staticmethod
    def resolve_unit_id(obj: Exemplar) -> int:
        return obj.registration.unit_id

    @staticmethod
    def resolve_unit(obj: Exemplar) -> str:
        return obj.registration.unit.name


class ProgressFilter(Schema):
    unit: int | None = Field(None, description="Đơn vị đăng ký (id)")
    field: str = Field("", max_length=8, description="Lĩnh vực (field_key)")
    kind: ExemplarKind | None = Field(None, description="Loại")
    state: ExemplarState | None = Field(None, description="Trạng thái")
    percent_min: int | None = Field(None, ge=0, le=100, description="Tiến độ từ (%)")
    percent_max: int | None = Field(None, ge=0, le=100, description="Tiến độ đến (%)")
    late: bool | None = Field(None, description="Chỉ điển hình chậm cập nhật (true) / đúng hạn")


class ProgressUpdateIn(Schema):
    on_date: datetime.date = Field(description="Ngày cập nhật (YYYY-MM-DD)")
    text: str = Field(max_length=10000, description="Nội dung")
    percent: int = Field(ge=0, le=100, description="Tiến độ (%)")
    quality_note: str = Field("", max_length=5000, description="Nhận xét chất lượng")


class ProgressWithdrawIn(Schema):
    reason: str = Field(max_length=5000, description="Lý do rút")


def _exemplar(request, exemplar_id: int) -> Exemplar:
    return visible_or_404(exemplars_visible_to(request.user).select_related(
        "registration__campaign__pack"), exemplar_id)


def _campaign(request, campaign_id: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), pk=campaign_id)


def _with_files(queryset):
    return queryset.select_related("author").prefetch_related("attachments")


@router.get("/exemplars/{int:exemplar_id}/updates", response={200: list[ProgressUpdateOut], **READ_ERRORS},
            summary="Các lần cập nhật tiến độ của một điển hình (mới nhất trước)")
@paginate
def exemplar_updates(request, exemplar_id: int):
    exemplar = _exemplar(request, exemplar_id)
    return _with_files(ProgressUpdate.objects.filter(exemplar=exemplar))


@router.post("/exemplars/{int:exemplar_id}/updates", auth=write,
             response={201: ProgressUpdateOut, **ERRORS},
             summary="Ghi một cập nhật tiến độ (multipart: các trường và tệp “files”)")
def create_update(request, exemplar_id: int, payload: Form[ProgressUpdateIn],
                  files: File[list[UploadedFile]] = None):
    exemplar = _exemplar(request, exemplar_id)
    require(request.user, "progress.post_update", exemplar)
    update = services.post_update(exemplar=exemplar, on_date=payload.on_date, text=payload.text,
                                  percent=payload.percent, quality_note=payload.quality_note,
                                  uploads=files or [], acting_user=request.user)
    return Status(201, _with_files(ProgressUpdate.objects.filter(pk=update.pk)).get())


@router.post("/updates/{int:update_id}/withdraw", auth=write,
             response={200: ProgressUpdateOut, **ERRORS}, summary="Rút một cập nhật (chỉ người đã ghi)")
def withdraw(request, update_id: int, payload: ProgressWithdrawIn):
    update = visible_or_404(selectors.updates_visible_to(request.user), update_id)
    require(request.user, "progress.withdraw_update", update)
    services.withdraw_update(update=update, reason=clean(payload.reason), acting_user=request.user)
    return _with_files(ProgressUpdate.objects.filter(pk=update.pk)).get()


@router.get("/campaigns/{int:campaign_id}/exemplars", response={200: list[ProgressRow],
                                                                **READ_ERRORS},
            summary="Tiến độ các điển hình của đợt (lọc theo đơn vị, lĩnh vực, loại, trạng thái, "
                    "tiến độ, chậm cập nhật)")
@paginate
def campaign_progress(request, campaign_id: int, filters: Query[ProgressFilter]):
    campaign = _campaign(request, campaign_id)
    return selectors.progress_list(request.user, campaign=campaign, on=timezone.localdate(),
                                   filters=selectors.Filters(
                                       unit=filters.unit, field=filters.field,
                                       kind=filters.kind or "", state=filters.state or "",
                                       percent_min=filters.percent_min,
                                       percent_max=filters.percent_max, late=filters.late))


@router.get("/campaigns/{int:campaign_id}/updates", response={200: list[ProgressUpdateOut],
                                                              **READ_ERRORS},
            summary="Các lần cập nhật tiến độ trong đợt (lọc theo đơn vị, từ ngày, đến ngày)")
@paginate
def campaign_updates(request, campaign_id: int, unit: int | None = None,
                     since: datetime.date | None = None, until: datetime.date | None = None):
    campaign = _campaign(request, campaign_id)
    updates = selectors.updates_visible_to(request.user).filter(
        exemplar__registration__campaign=campaign)
    if unit:
        updates = updates.filter(exemplar__registration__unit_id=unit)
    if since:
        updates = updates.filter(on_date__gte=since)
    if until:
        updates = updates.filter(on_date__lte=until)
    return _with_files(updates)


@router.get("/campaigns/{int:campaign_id}/late", response={200: list[ProgressRow], **READ_ERRORS},
            summary="Điển hình chậm cập nhật tiến độ (ban thường trực, hội đồng)")
@paginate
def late(request, campaign_id: int):
    require(request.user, "progress.view_province")
    from accounts import roles

    return roles.scoped(selectors.late_exemplars(_campaign(request, campaign_id),
                                                 timezone.localdate()),
                        request.user, "registration__unit__tree_path")
