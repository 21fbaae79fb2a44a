"""Propagation over the API (/api/v1/propagation/, docs/api.md): the web's selectors scope what
a token's owner sees (outside it: 404), the web's permissions open the doors (403), the web's
services write, check versions (409) and log. Files are attached on the web page (the one upload
door); the API lists them."""

import datetime

from django.http import Http404, HttpResponse
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from propagation import selectors, services
from propagation.models import Channel, ChannelKind, Introduction, IntroductionStatus, MediaKit
from registry.models import Exemplar

router = Router(tags=["Tuyên truyền, giới thiệu điển hình"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PropagationChannelOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    address: str
    valid_from: datetime.date
    valid_to: datetime.date | None


class PropagationAttachmentOut(Schema):
    id: int
    original_name: str
    size: int
    content_type: str


class PropagationIntroductionOut(Schema):
    id: int
    exemplar_id: int
    exemplar_name: str = Field(alias="exemplar.name")
    unit_id: int = Field(alias="exemplar.registration.unit_id")
    channel: PropagationChannelOut
    sent_on: datetime.date
    content: str
    status: str
    status_label: str
    published_url: str
    broadcast_on: datetime.date | None
    note: str
    version: int

    @staticmethod
    def resolve_status_label(obj: Introduction) -> str:
        return str(obj.get_status_display())


class PropagationIntroductionDetail(PropagationIntroductionOut):
    attachments: list[PropagationAttachmentOut]

    @staticmethod
    def resolve_attachments(obj: Introduction) -> list:
        return list(obj.attachments.all())


class PropagationFilter(Schema):
    channel: str | None = Field(None, description="Kênh: mã (code)")
    status: IntroductionStatus | None = None
    unit: int | None = Field(None, description="Đơn vị (id)")
    field: str | None = Field(None, max_length=8, description="Lĩnh vực (ký hiệu)")
    exemplar: int | None = None


@router.get("/channels", response={200: list[PropagationChannelOut], **READ_ERRORS},
            summary="Các kênh tuyên truyền")
def list_channels(request):
    require(request.user, "propagation.view_channels")
    return list(Channel.objects.order_by("sort_order", "name"))


class PropagationChannelIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=255)
    kind: ChannelKind
    code: str = Field("", max_length=40)
    address: str = Field("", max_length=255)


@router.post("/channels", auth=write, response={200: PropagationChannelOut, **ERRORS},
             summary="Thêm kênh (Thường trực Hội đồng)")
def add_channel(request, payload: PropagationChannelIn):
    require(request.user, "propagation.manage_channels")
    return services.add_channel(name=payload.name, kind=payload.kind, code=payload.code,
                                address=payload.address, acting_user=request.user)


@router.get("/introductions", response={200: list[PropagationIntroductionOut], **READ_ERRORS},
            summary="Các lượt giới thiệu điển hình")
@paginate
def list_introductions(request, filters: Query[PropagationFilter]):
    require(request.user, "propagation.view_list")
    found = selectors.introduction_list(request.user, status=filters.status or "",
                                        field_key=filters.field or "")
    if filters.channel:
        found = found.filter(channel__code=filters.channel.strip())
    if filters.unit is not None:
        found = found.filter(exemplar__registration__unit_id=filters.unit)
    if filters.exemplar is not None:
        found = found.filter(exemplar_id=filters.exemplar)
    return found


def _visible(request, introduction_id: int) -> Introduction:
    introduction = visible_or_404(selectors.introductions_visible_to(request.user),
                                  introduction_id)
    require(request.user, "propagation.view_introduction", introduction)
    return introduction


@router.get("/introductions/{int:introduction_id}",
            response={200: PropagationIntroductionDetail, **READ_ERRORS},
            summary="Một lượt giới thiệu")
def get_introduction(request, introduction_id: int):
    return _visible(request, introduction_id)


class PropagationIntroductionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    exemplar: int
    channel: str = Field(max_length=40, description="Mã kênh (code)")
    sent_on: datetime.date
    content: str = Field(max_length=10000)
    note: str = Field("", max_length=5000)


@router.post("/introductions", auth=write,
             response={200: PropagationIntroductionDetail, **ERRORS},
             summary="Ghi nhận một lượt giới thiệu")
def record_introduction(request, payload: PropagationIntroductionIn):
    from registry.selectors import exemplars_visible_to

    exemplar = visible_or_404(exemplars_visible_to(request.user)
                              .select_related("registration__unit"), payload.exemplar)
    channel = Channel.objects.filter(code=payload.channel.strip()).first()
    if channel is None:
        raise Http404
    require(request.user, "propagation.record_introduction", exemplar)
    introduction = services.record_introduction(
        exemplar=exemplar, channel=channel, sent_on=payload.sent_on, content=payload.content,
        note=payload.note, acting_user=request.user)
    return _visible(request, introduction.pk)


class PropagationStatusIn(Schema):
    model_config = ConfigDict(extra="forbid")
    status: IntroductionStatus
    published_url: str = Field("", max_length=500)
    broadcast_on: datetime.date | None = None
    note: str | None = Field(None, max_length=5000)
    version: int | None = Field(None, description="version khi đọc; khác thì 409")


@router.post("/introductions/{int:introduction_id}/status", auth=write,
             response={200: PropagationIntroductionDetail, **ERRORS},
             summary="Cập nhật trạng thái (đã đăng, phát / không sử dụng / gửi lại)")
def change_status(request, introduction_id: int, payload: PropagationStatusIn):
    introduction = _visible(request, introduction_id)
    require(request.user, "propagation.change_introduction", introduction)
    services.change_status(introduction=introduction, status=payload.status,
                           published_url=payload.published_url,
                           broadcast_on=payload.broadcast_on, note=payload.note,
                           expected_version=payload.version, acting_user=request.user)
    return _visible(request, introduction_id)


class PropagationKitOut(Schema):
    id: int
    channel: PropagationChannelOut
    number: int | None
    subject: str
    dated: datetime.date
    exemplar_ids: list[int]

    @staticmethod
    def resolve_exemplar_ids(obj: MediaKit) -> list[int]:
        return sorted(e.pk for e in obj.exemplars.all())


class PropagationKitIn(Schema):
    model_config = ConfigDict(extra="forbid")
    channel: str = Field(max_length=40, description="Mã kênh (code) — nơi nhận công văn")
    exemplars: list[int] = Field(max_length=services.MAX_KIT_EXEMPLARS)
    number: int | None = Field(None, ge=1, le=99999)
    dated: datetime.date | None = None
    subject: str = Field("", max_length=300)
    body: str = Field("", max_length=5000)
    signer_title: str = Field("", max_length=150)
    signer_name: str = Field("", max_length=150)


@router.post("/media-kits", auth=write, response={200: PropagationKitOut, **ERRORS},
             summary="Lập bộ tài liệu giới thiệu (công văn) cho các điển hình chọn")
def create_kit(request, payload: PropagationKitIn):
    require(request.user, "propagation.make_media_kit")
    channel = Channel.objects.filter(code=payload.channel.strip()).first()
    exemplars = list(Exemplar.objects.filter(pk__in=payload.exemplars))
    if channel is None or len(exemplars) != len(set(payload.exemplars)):
        raise Http404
    return services.create_media_kit(
        channel=channel, exemplars=exemplars, number=payload.number, dated=payload.dated,
        subject=payload.subject, body=payload.body, signer_title=payload.signer_title,
        signer_name=payload.signer_name, acting_user=request.user)


def _kit(request, kit_id: int) -> MediaKit:
    kit = visible_or_404(selectors.media_kits(), kit_id)
    require(request.user, "propagation.view_media_kit", kit)
    return kit


@router.get("/media-kits/{int:kit_id}", response={200: PropagationKitOut, **READ_ERRORS},
            summary="Một bộ tài liệu giới thiệu")
def get_kit(request, kit_id: int):
    return _kit(request, kit_id)


@router.get("/media-kits/{int:kit_id}/docx", response={**READ_ERRORS},
            summary="Tải công văn giới thiệu (Word)")
def kit_docx(request, kit_id: int):
    from propagation.document import file_stem
    from propagation.docx import render_kit_docx

    kit = _kit(request, kit_id)
    response = HttpResponse(render_kit_docx(kit), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_stem(kit)}.docx"'
    return response
