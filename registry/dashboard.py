"""The standing office's compile-and-monitor queries: every count is an SQL aggregate."""

from dataclasses import dataclass

from django.db import models
from django.db.models import BooleanField, Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from accounts.roles import under
from guidance.models import Campaign
from orgs.models import Unit
from registry import counters
from registry.enums import SENT_STATES, ExemplarKind
from registry.models import Exemplar, Registration
from registry.quotas import quota_met_expression
from registry.selectors import units_required_to_register

SORTS = {
    "name": ("sort_key", "name"),
    "type": ("unit_type", "sort_key"),
    "state": ("registration_state", "sort_key"),
    "quota": ("quota_met", "sort_key"),
    **{f"n_{k.value}": (f"n_{k.value}", "sort_key") for k in ExemplarKind},
}


@dataclass(frozen=True)
class DashboardFilters:
    unit_type: str = ""
    block: str = ""
    state: str = ""   # a key of a "state" counter (registry.counters)
    quota: str = ""   # a key of a "quota" counter: "met" | "unmet" | "met_unsent"
    sort: str = "type"

    @classmethod
    def from_query(cls, params) -> "DashboardFilters":
        sort = params.get("sort", "type")
        if sort.lstrip("-") not in SORTS:
            sort = "type"
        return cls(params.get("unit_type", ""), params.get("block", ""), params.get("state", ""),
                   params.get("quota", ""), sort)


def dashboard_rows(campaign: Campaign, filters: DashboardFilters,
                   paths: tuple[str, ...] | None = None) -> QuerySet[Unit]:
    """Units that must register, each with its registration state, lateness and counts;
    ``paths``: only the units under those tree paths (a province; ``None``: every unit)."""
    registration = Registration.objects.filter(campaign=campaign, unit=OuterRef("pk"))
    counts = {
        f"n_{kind.value}": Count(
            "registrations__exemplars",
            filter=Q(registrations__campaign=campaign, registrations__exemplars__kind=kind.value),
        )
        for kind in ExemplarKind
    }
    rows = (
        units_required_to_register(campaign)
        .select_related("emulation_block")
        .annotate(
            registration_id=Subquery(registration.values("pk")[:1]),
            registration_state=Subquery(registration.values("state")[:1]),
            registration_is_late=Subquery(registration.values("is_late")[:1]),
            below_quota_reason=Subquery(registration.values("below_quota_reason")[:1]),
            **counts,
        )
        .annotate(quota_met=quota_met_expression(campaign))
        .annotate(registration_sent=Case(When(registration_state__in=SENT_STATES,
                                              then=Value(True)),
                                         default=Value(False), output_field=BooleanField()))
    )
    if paths is not None:
        rows = rows.filter(under(paths, "tree_path"))
    if filters.unit_type:
        rows = rows.filter(unit_type=filters.unit_type)
    if filters.block:
        rows = rows.filter(emulation_block__code=filters.block)
    for param, key in (("state", filters.state), ("quota", filters.quota)):
        chosen = counters.counter(param, key)
        if chosen is not None:
            rows = rows.filter(chosen.q)  # the counter's own definition
    descending = filters.sort.startswith("-")
    order = SORTS[filters.sort.lstrip("-")]
    return rows.order_by(*[f"-{o}" if descending else o for o in order], "pk")


def counts_by_field(campaign: Campaign, paths: tuple[str, ...] | None = None) -> list[dict]:
    """Entries per field and kind of the registrations sent to the standing office (what the
    compiled list shows by default), one grouped query; ``paths`` as in ``dashboard_rows``."""
    items = Exemplar.objects.filter(registration__campaign=campaign,
                                    registration__state__in=counters.DEFAULT_SCOPE.states)
    if paths is not None:
        items = items.filter(under(paths, "registration__unit__tree_path"))
    return list(
        items
        .values("field_key", "kind")
        .annotate(n=Count("pk"))
        .order_by("field_key", "kind")
    )


def compiled_exemplars(campaign: Campaign, *, field: str = "", kind: str = "",
                       unit_id: str = "", state: str = "",
                       paths: tuple[str, ...] | None = None) -> QuerySet[Exemplar]:
    """Exemplars across units, in the order of an official list: by default those of the
    registrations sent to the standing office; ``state`` names another scope
    (``registry.counters.SCOPES``, "all" for every registration)."""
    items = Exemplar.objects.filter(
        registration__campaign=campaign,
        registration__state__in=counters.scope(state).states,
    ).select_related("registration__unit")
    if paths is not None:  # a province (``dashboard_rows``)
        items = items.filter(under(paths, "registration__unit__tree_path"))
    if field:
        items = items.filter(field_key=field)
    if kind:
        items = items.filter(kind=kind)
    if unit_id.isdigit():
        items = items.filter(registration__unit_id=int(unit_id))
    form_order = Case(
        *[When(kind=k.value, then=Value(i)) for i, k in enumerate(ExemplarKind)],
        output_field=models.IntegerField(),
    )
    return items.annotate(form_order=form_order).order_by("form_order", "sort_key", "pk")


def dashboard_summary(rows: QuerySet[Unit]) -> dict[str, int]:
    """Every declared counter over the (filtered) dashboard rows, counted by the database with
    the counter's own ``Q``, in one query (the rows become a subquery, each counter a filtered
    COUNT over it)."""
    rows = rows.order_by()
    totals = rows.aggregate(**{
        c.key: Count("pk", filter=c.q) if c.q else Count("pk") for c in counters.COUNTERS
    })
    return {key: totals[key] or 0 for key in totals}


def quota_text(row: Unit) -> str:
    """The quota column of a dashboard row: only a sent registration has met its quota."""
    if row.registration_sent:
        return str(_("Đạt") if row.quota_met else _("Chưa đạt"))
    if row.registration_id is None:
        return str(_("Chưa lập biểu"))
    return str(_("Đủ chỉ tiêu, chưa gửi") if row.quota_met else _("Chưa đạt, chưa gửi"))


def exemplar_details(e: Exemplar) -> str:
    parts = [e.position_title, e.work_unit, e.head_name, e.address]
    return "; ".join(p for p in parts if p)


def compiled_rows(items, pack) -> list[dict]:
    """The compiled list as plain rows with stable keys (the JSON export's keys; the other
    formats print ``COMPILED_COLUMNS``)."""
    return [
        {"number": index, "id": e.pk, "kind": e.kind, "kind_label": str(e.get_kind_display()),
         "name": e.name, "details": exemplar_details(e), "field_key": e.field_key,
         "field_label": str(pack.field_label(e.field_key)), "unit": e.registration.unit.name,
         "unit_code": e.registration.unit.code, "registration_state": e.registration.state,
         "registration_state_label": counters.state_label(e.registration.state),
         "solutions": e.solutions}
        for index, e in enumerate(items, start=1)
    ]


# (header, how a compiled row prints in that column) for the Word, Excel and CSV exports.
COMPILED_COLUMNS = (
    (_("Stt"), lambda r: r["number"]),
    (_("Loại"), lambda r: r["kind_label"]),
    (_("Tên"), lambda r: r["name"]),
    (_("Chức vụ; đơn vị công tác; địa chỉ"), lambda r: r["details"]),
    (_("Điển hình thuộc lĩnh vực"), lambda r: f"{r['field_key']}) {r['field_label']}"),
    (_("Đơn vị đăng ký"), lambda r: r["unit"]),
    (_("Trạng thái biểu"), lambda r: r["registration_state_label"]),
    (_("Giải pháp (nêu khái quát)"), lambda r: r["solutions"]),
)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv; charset=utf-8"
JSON = "application/json"
COMPILED_FORMATS = ("xlsx", "docx", "csv", "json")
COMPILED_CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX, "csv": CSV, "json": JSON}


def compiled_export(campaign: Campaign, fmt: str, *, field: str = "", kind: str = "",
                    unit_id: str = "", state: str = "",
                    paths: tuple[str, ...] | None = None) -> tuple[bytes, str, str]:
    """The compiled list (``compiled_exemplars`` with these filters) as a file of ``fmt``
    (one of ``COMPILED_FORMATS``): its bytes, content type and file name — the web's download
    and the API's."""
    import json

    from django.utils import timezone
    from django.utils.translation import gettext

    from uploads.tables import csv_bytes, docx_bytes, xlsx_bytes

    chosen = counters.scope(state)
    items = compiled_exemplars(campaign, field=field, kind=kind, unit_id=unit_id, state=state,
                               paths=paths)
    rows = compiled_rows(items, campaign.pack.pack)
    stem = f"danh-sach-dien-hinh-{timezone.localdate().strftime('%Y%m%d')}"
    if fmt == "json":
        body = {"campaign": {"code": campaign.code, "name": campaign.name},
                "state": chosen.key, "state_label": str(chosen.label), "count": len(rows),
                "items": rows}
        return json.dumps(body, ensure_ascii=False, indent=1).encode(), JSON, f"{stem}.json"
    headers = [str(h) for h, _cell in COMPILED_COLUMNS]
    table = [[cell(r) for _h, cell in COMPILED_COLUMNS] for r in rows]
    title = gettext("Danh sách điển hình tiên tiến đăng ký")
    if fmt == "docx":
        subtitle = f"{campaign.name} — {chosen.label}"
        return docx_bytes(title, subtitle, headers, table), DOCX, f"{stem}.docx"
    if fmt == "csv":
        return csv_bytes(headers, table), CSV, f"{stem}.csv"
    return xlsx_bytes(title, headers, table), XLSX, f"{stem}.xlsx"
