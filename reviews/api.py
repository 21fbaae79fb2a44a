"""Reviews (sơ kết, tổng kết) over the API (docs/api.md, docs/reviews.md): the periods, their
statistics — the very object ``manage.py review_report --json`` prints, plus every figure with
its definition — and the list behind any figure. The web's selectors read, the web's services
write (permission, NFC, dates, one guidance, version → 409, audit log); ``reviews.rules`` opens
the doors: the province-wide roles read, the standing office and the administrator write."""

import datetime
from typing import Any

from django.db.models import F, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from pydantic import ConfigDict, create_model

from accounts.roles import province_paths
from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, write
from core.errors import DomainError
from guidance.models import Campaign
from orgs import lineage
from reviews import selectors, services
from reviews.figures import BY_KEY, FIGURES, SECTIONS
from reviews.models import ReviewPeriod

router = Router(tags=["Sơ kết, tổng kết"])


class ReviewPeriodOut(Schema):
    code: str
    kind: str = Field(description="interim (sơ kết) hoặc final (tổng kết)")
    kind_label: str
    title: str
    campaigns: list[str] = Field(description="Mã các đợt thi đua của kỳ")
    starts_on: datetime.date
    ends_on: datetime.date
    held_on: datetime.date | None
    notes: str
    version: int

    @staticmethod
    def resolve_kind_label(obj: ReviewPeriod) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_campaigns(obj: ReviewPeriod) -> list[str]:
        return sorted(c.code for c in obj.campaigns.all())


class ReviewPeriodIn(Schema):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(max_length=64, description="Mã kỳ (chữ không dấu, số, dấu gạch ngang)")
    kind: str = Field(max_length=8, description="interim hoặc final")
    title: str = Field(max_length=500)
    campaigns: list[str] = Field(max_length=50, description="Mã các đợt thi đua (một hướng dẫn)")
    starts_on: datetime.date
    ends_on: datetime.date
    held_on: datetime.date | None = None
    notes: str = Field("", max_length=20000)


class ReviewPeriodPut(Schema):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(max_length=8)
    title: str = Field(max_length=500)
    campaigns: list[str] = Field(max_length=50)
    starts_on: datetime.date
    ends_on: datetime.date
    held_on: datetime.date | None = None
    notes: str = Field("", max_length=20000)
    version: int = Field(description="version khi đọc; khác thì 409")


class ReviewPeriodPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    kind: str | None = Field(None, max_length=8)
    title: str | None = Field(None, max_length=500)
    campaigns: list[str] | None = Field(None, max_length=50)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    held_on: datetime.date | None = None
    notes: str | None = Field(None, max_length=20000)
    version: int = Field(description="version khi đọc; khác thì 409")


class ReviewFigureOut(Schema):
    key: str
    label: str
    section: str
    section_label: str
    value: int
    definition: str


class _ReviewStatisticsBase(Schema):
    period: dict
    group_by: str
    exemplars_by_kind: dict[str, int]
    exemplars_by_field: dict[str, int]
    breakdowns: dict[str, dict[str, int]]
    groups: list[dict]
    figures: list[ReviewFigureOut]


# ``command_summary``: every figure's key → its value (one field per figure of FIGURES), the
# breakdowns and the groups, plus the figures with their labels and definitions.
ReviewStatisticsOut = create_model(
    "ReviewStatisticsOut", __base__=_ReviewStatisticsBase,
    **{f.key: (int, Field(description=str(f.label))) for f in FIGURES})


class ReviewStatisticsFilter(Schema):
    group_by: str = Field("current", pattern="^(current|former)$",
                          description="current: đơn vị hiện nay; former: huyện cũ (trước 2025)")


class ReviewRef(Schema):
    id: int | None
    name: str


class ReviewDrillItemOut(Schema):
    id: int
    text: str
    campaign: str
    unit: ReviewRef | None = Field(description="Đơn vị của dòng; null: việc của cấp tỉnh")

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_text(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_campaign(obj) -> str:
        return obj.review_campaign

    @staticmethod
    def resolve_unit(obj) -> dict | None:
        if getattr(obj, "review_unit_id", None) is None:
            return None
        return {"id": obj.review_unit_id, "name": obj.review_unit_name or ""}


class ReviewDrillFilter(Schema):
    group_by: str = Field("current", pattern="^(current|former)$")
    group: str | None = Field(None, max_length=64,
                              description="Nhóm: mã hoặc id của đơn vị đứng đầu nhóm")
    dim: str | None = Field(None, max_length=32, description="Cách chia (ví dụ kind, field)")
    value: str | None = Field(None, max_length=200,
                              description="Giá trị của cách chia; rỗng: chưa ghi")


def _period(request, code: str) -> ReviewPeriod:
    require(request.user, "reviews.view_reviewperiod")
    try:
        return selectors.period_by_code(code)
    except ReviewPeriod.DoesNotExist as error:
        raise Http404 from error


def _campaigns(codes: list[str]) -> list[Campaign]:
    wanted = list(dict.fromkeys(codes))
    found = {c.code: c for c in Campaign.objects.select_related("pack").filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise DomainError(_("Không có đợt thi đua mã %(codes)s.") % {"codes": ", ".join(missing)},
                          field="campaigns")
    return [found[code] for code in wanted]


def _fresh(code: str) -> ReviewPeriod:
    return selectors.period_by_code(code)


@router.get("/periods/", response={200: list[ReviewPeriodOut], **READ_ERRORS},
            summary="Các kỳ sơ kết, tổng kết")
@paginate
def list_periods(request):
    require(request.user, "reviews.view_reviewperiod")
    return selectors.periods()


@router.get("/periods/{code}", response={200: ReviewPeriodOut, **READ_ERRORS},
            summary="Một kỳ sơ kết, tổng kết")
def get_period(request, code: str):
    return _period(request, code)


@router.post("/periods/", auth=write, response={200: ReviewPeriodOut, **ERRORS},
             summary="Khai báo một kỳ sơ kết, tổng kết")
def create_period(request, payload: ReviewPeriodIn):
    require(request.user, "reviews.add_reviewperiod")
    period = services.create_period(
        code=payload.code, kind=payload.kind, title=payload.title,
        campaigns=_campaigns(payload.campaigns), starts_on=payload.starts_on,
        ends_on=payload.ends_on, held_on=payload.held_on, notes=payload.notes,
        acting_user=request.user)
    return _fresh(period.code)


def _update(request, code: str, values: dict, version: int) -> ReviewPeriod:
    period = _period(request, code)
    require(request.user, "reviews.change_reviewperiod", period)
    current = {"kind": period.kind, "title": period.title,
               "campaigns": list(period.campaigns.all()), "starts_on": period.starts_on,
               "ends_on": period.ends_on, "held_on": period.held_on, "notes": period.notes}
    if values.get("campaigns") is not None:
        values["campaigns"] = _campaigns(values["campaigns"])
    current.update({k: v for k, v in values.items() if k in current})
    services.update_period(period=period, expected_version=version, acting_user=request.user,
                           **current)
    return _fresh(period.code)


@router.put("/periods/{code}", auth=write, response={200: ReviewPeriodOut, **ERRORS},
            summary="Sửa cả kỳ (mã giữ nguyên)")
def replace_period(request, code: str, payload: ReviewPeriodPut):
    values = payload.model_dump(exclude={"version"})
    return _update(request, code, values, payload.version)


@router.patch("/periods/{code}", auth=write, response={200: ReviewPeriodOut, **ERRORS},
              summary="Sửa một vài trường của kỳ")
def update_period(request, code: str, payload: ReviewPeriodPatch):
    values = payload.model_dump(exclude={"version"}, exclude_unset=True)
    values = {k: v for k, v in values.items() if v is not None or k == "held_on"}
    return _update(request, code, values, payload.version)


def figures_of(stats: selectors.Statistics) -> list[dict]:
    return [{"key": f.key, "label": str(f.label), "section": f.section,
             "section_label": str(SECTIONS[f.section]), "value": stats.value(f.key),
             "definition": str(f.definition)} for f in FIGURES]


@router.get("/periods/{code}/statistics", response={200: ReviewStatisticsOut, **READ_ERRORS},
            summary="Số liệu của kỳ (như lệnh review_report --json), nhóm theo đơn vị hiện nay "
                    "hoặc huyện cũ")
def statistics(request, code: str, filters: Query[ReviewStatisticsFilter]):
    period = _period(request, code)
    stats = selectors.statistics(period, filters.group_by, province_paths(request.user))
    return {**selectors.command_summary(stats), "figures": figures_of(stats)}


def _group_id(raw: str | None) -> int | None:
    from orgs.models import Unit

    if raw in (None, ""):
        return None
    if raw.isdigit():
        return int(raw)
    found = Unit.objects.filter(code=raw).values_list("pk", flat=True).first()
    if found is None:
        raise Http404
    return found


def _unit_name_path(path: str) -> str:
    return "name" if path == "pk" else f"{path.removesuffix('_id')}__name"


class _Chained:
    """Several querysets (one per campaign of the period) read as one list: ``count()`` and
    slices, so the API's paginator reads only the page it shows."""

    def __init__(self, parts: list[QuerySet]):
        self.parts = parts
        self._counts: list[int] | None = None

    def count(self) -> int:
        if self._counts is None:
            self._counts = [p.count() for p in self.parts]
        return sum(self._counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        self.count()
        start, stop = window.start or 0, window.stop
        out: list[Any] = []
        for part, n in zip(self.parts, self._counts or [], strict=True):
            if stop is not None and stop <= 0:
                break
            if start < n:
                out.extend(part[start: n if stop is None else min(stop, n)])
            start, stop = max(start - n, 0), None if stop is None else stop - n
        return out


@router.get("/periods/{code}/figures/{key}", response={200: list[ReviewDrillItemOut],
                                                       **READ_ERRORS},
            summary="Danh sách mà một số liệu đếm (theo nhóm, theo một cách chia)")
@paginate
def figure_list(request, code: str, key: str, filters: Query[ReviewDrillFilter]):
    period = _period(request, code)
    figure = BY_KEY.get(key)
    if figure is None:
        raise Http404
    if filters.dim and all(d.key != filters.dim for d in figure.dims):
        raise DomainError(_("Số liệu này không chia theo “%(dim)s”.") % {"dim": filters.dim},
                          field="dim")
    grouping = filters.group_by if filters.group_by in lineage.GROUPINGS else "current"
    found = selectors.drill(period, key, grouping=grouping, group_id=_group_id(filters.group),
                            dim_key=filters.dim or "", value=filters.value,
                            paths=province_paths(request.user))
    parts = []
    for scope, rows in found.parts:
        ids = rows.order_by().values("pk").distinct()
        rows = rows.model.objects.filter(pk__in=ids).annotate(
            review_campaign=Value(scope.campaign.code))
        if figure.unit is not None:
            rows = rows.annotate(review_unit_id=F(figure.unit),
                                 review_unit_name=F(_unit_name_path(figure.unit)))
        parts.append(rows.order_by("pk"))
    return _Chained(parts)

