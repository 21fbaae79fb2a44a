"""Guidance packs and campaigns over the API: what the "Hướng dẫn, đợt thi đua" pages show —
public law to every signed-in user (``guidance.view_guidance``), read only."""

import datetime

from ninja import Field, Query, Schema

from api.kit import READ_ERRORS, Router, paginate, require, visible_or_404
from guidance import selectors
from guidance.models import CampaignStatus

packs = Router(tags=["Bộ hướng dẫn"])
campaigns = Router(tags=["Đợt thi đua"])


class PackRef(Schema):
    id: int
    code: str
    version: int


class PackOut(Schema):
    id: int
    code: str
    version: int
    title: str
    issued_on: datetime.date
    valid_from: datetime.date
    valid_to: datetime.date | None


class KindOut(Schema):
    key: str
    label: str
    plural_label: str


class LevelOut(Schema):
    key: str
    label: str
    rank: int


class FieldOut(Schema):
    key: str
    label: str
    heading: str
    criteria_text: str
    parent: str | None
    selectable: bool


class CriterionOut(Schema):
    code: str
    group: str = Field(description="general | field")
    text: str
    kinds: list[str]
    fields: list[str] | None = Field(description="null: mọi lĩnh vực")
    rated: bool | None
    measure: str


class QuotaOut(Schema):
    label: str
    unit_types: list[str]
    minimums: dict[str, int]
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    note: str


class CampaignRef(Schema):
    id: int
    code: str
    name: str


class PackDetail(PackOut):
    number: str
    issuer: str
    legal_basis: list[str]
    checksum: str
    subject_kinds: list[KindOut]
    ratings: list[LevelOut]
    disciplines: list[LevelOut]
    fields: list[FieldOut]
    criteria: list[CriterionOut]
    quotas: list[QuotaOut]
    campaigns: list[CampaignRef]


class PackFilter(Schema):
    code: str | None = Field(None, max_length=64, description="Số hiệu bộ hướng dẫn")
    on: datetime.date | None = Field(None, description="Còn hiệu lực vào ngày")


@packs.get("/", response={200: list[PackOut], **READ_ERRORS}, summary="Danh sách bộ hướng dẫn")
@paginate
def list_packs(request, filters: Query[PackFilter]):
    require(request.user, "guidance.view_guidance")
    return selectors.packs(code=filters.code or "", on=filters.on)


@packs.get("/{int:pack_id}", response={200: PackDetail, **READ_ERRORS},
           summary="Một bộ hướng dẫn (phiên bản, hiệu lực, tiêu chuẩn, lĩnh vực, chỉ tiêu)")
def get_pack(request, pack_id: int):
    record = visible_or_404(selectors.packs(), pack_id)
    require(request.user, "guidance.view_guidance", record)
    pack = record.pack
    return {
        "id": record.pk, "code": record.code, "version": record.version, "title": pack.title,
        "issued_on": record.issued_on, "valid_from": record.valid_from,
        "valid_to": record.valid_to, "number": pack.number, "issuer": pack.issuer,
        "legal_basis": pack.legal_basis, "checksum": record.checksum,
        "subject_kinds": [k.model_dump() for k in pack.subject_kinds],
        "ratings": [lv.model_dump() for lv in pack.ratings],
        "disciplines": [lv.model_dump() for lv in pack.disciplines],
        "fields": [f.model_dump() for f in pack.fields],
        "criteria": [c.model_dump() for c in pack.criteria],
        "quotas": [q.model_dump() for q in pack.quotas],
        "campaigns": list(record.campaigns.order_by("code")),
    }


class CampaignOut(Schema):
    id: int
    code: str
    name: str
    status: str
    status_label: str
    pack: PackRef
    period_start_year: int
    period_end_year: int
    proposal_year: int
    registration_deadline: datetime.date
    interim_review_on: datetime.date | None
    final_review_on: datetime.date | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class CampaignFilter(Schema):
    status: CampaignStatus | None = Field(None, description="Trạng thái đợt")
    pack: int | None = Field(None, ge=1, le=2**31 - 1, description="Mã (id) bộ hướng dẫn")
    year: int | None = Field(None, ge=1900, le=2200,
                             description="Năm nằm trong giai đoạn của đợt")


@campaigns.get("/", response={200: list[CampaignOut], **READ_ERRORS},
               summary="Danh sách đợt thi đua")
@paginate
def list_campaigns(request, filters: Query[CampaignFilter]):
    require(request.user, "guidance.view_guidance")
    return selectors.campaigns(status=filters.status or "", pack_id=filters.pack,
                               year=filters.year)


@campaigns.get("/{int:campaign_id}", response={200: CampaignOut, **READ_ERRORS},
               summary="Một đợt thi đua")
def get_campaign(request, campaign_id: int):
    campaign = visible_or_404(selectors.campaigns(), campaign_id)
    require(request.user, "guidance.view_guidance", campaign)
    return campaign
