"""The standing office's pages: compile-and-monitor dashboard and the compiled exemplar list."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.access import requires
from guidance.models import Campaign
from orgs.models import EmulationBlock, UnitType
from registry import counters, dashboard, dashboard_columns, dashboard_panels
from registry.enums import SENT_STATES, ExemplarKind
from uploads.tables import xlsx_bytes

XLSX = dashboard.XLSX
COMPILED_FORMATS = dashboard.COMPILED_FORMATS


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _province(request) -> roles.ProvinceFilter:
    """The page's province: the user's own, or the one chosen with ``?tinh=`` by a user whose
    scope spans several (the national role)."""
    return roles.province_filter(request.user, request.GET.get(roles.PROVINCE_PARAM))


def _dashboard_table(campaign: Campaign, filters: dashboard.DashboardFilters, paths=None):
    headers = [_("Cơ quan, đơn vị"), _("Loại"), _("Khối thi đua"), _("Trạng thái"), _("Gửi muộn"),
               *[k.label for k in ExemplarKind], _("Đạt chỉ tiêu"), _("Lý do chưa đủ chỉ tiêu")]
    units = list(dashboard.dashboard_rows(campaign, filters, paths))
    extra = dashboard_columns.fill(campaign, units)
    headers += [str(c.label) for c in extra]
    rows = [
        [u.name, u.get_unit_type_display(), u.emulation_block.name if u.emulation_block else "",
         counters.state_label(u.registration_state),
         _("Có") if u.registration_sent and u.registration_is_late else "",
         *[getattr(u, f"n_{k.value}") for k in ExemplarKind],
         dashboard.quota_text(u), u.below_quota_reason or "", *[t for _l, t in u.extra_cells]]
        for u in units
    ]
    return headers, rows


def _cards(summary: dict[str, int], keys, query) -> list[dict]:
    """A counter's card: its number and the query of its filter — the unit-type and block
    filters kept, the state or quota filter replaced by the counter's own."""
    cards = []
    for key in keys:
        found = counters.BY_KEY[key]
        params = query.copy()
        for name in ("state", "quota", "page"):
            params.pop(name, None)
        if found.param:
            params[found.param] = key
        cards.append({"key": key, "label": found.label, "n": summary[key],
                      "query": params.urlencode()})
    return cards


@requires("registry.view_dashboard", obj=_campaign)
def overview(request, campaign_code, target: Campaign):
    filters = dashboard.DashboardFilters.from_query(request.GET)
    province = _province(request)
    rows_query = dashboard.dashboard_rows(target, filters, province.paths)
    page = Paginator(rows_query, 100).get_page(request.GET.get("page"))
    rows = list(page)
    extra_columns = dashboard_columns.fill(target, rows)
    for row in rows:
        row.state_text = counters.state_label(row.registration_state)
        row.quota_text = dashboard.quota_text(row)
    pack = target.pack.pack
    by_field: dict[str, dict[str, int]] = {}
    for item in dashboard.counts_by_field(target, province.paths):
        by_field.setdefault(item["field_key"], {})[item["kind"]] = item["n"]
    field_rows = [
        {"key": f.key, "label": f.label,
         "counts": [by_field.get(f.key, {}).get(k.value, 0) for k in ExemplarKind]}
        for f in pack.selectable_fields() if f.key in by_field
    ]
    # The cards count over the unit-type and block filters only: each card's link replaces the
    # state or quota filter with its own, so the number on a card is the rows its link shows.
    base = dashboard.dashboard_rows(target, replace(filters, state="", quota=""), province.paths)
    summary = dashboard.dashboard_summary(base)
    return render(request, "registry/overview.html", {
        "campaign": target, "rows": rows, "page": page, "filters": filters, "summary": summary,
        "sent_cards": _cards(summary, counters.SENT_CARDS, request.GET),
        "unsent_cards": _cards(summary, counters.UNSENT_CARDS, request.GET),
        "state_choices": counters.choices("state"), "quota_choices": counters.choices("quota"),
        "kinds": list(ExemplarKind), "unit_types": UnitType.choices,
        "blocks": EmulationBlock.objects.order_by("code"),
        "field_rows": field_rows, "query": request.GET.urlencode(),
        "extra_columns": extra_columns,
        "panels": dashboard_panels.panels_for(target, request.user, province.paths),
        "province_filter": province,
    })


@requires("registry.view_dashboard", obj=_campaign)
def overview_xlsx(request, campaign_code, target: Campaign):
    headers, rows = _dashboard_table(target, dashboard.DashboardFilters.from_query(request.GET),
                                     _province(request).paths)
    title = _("Tổng hợp đăng ký")
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _attachment(xlsx_bytes(title, headers, rows), XLSX, f"tong-hop-dang-ky-{stamp}.xlsx")


def _compiled_items(campaign: Campaign, params, paths):
    return dashboard.compiled_exemplars(campaign, field=params.get("field", ""),
                                        kind=params.get("kind", ""),
                                        unit_id=params.get("unit", ""),
                                        state=params.get("state", ""), paths=paths)


@requires("registry.view_compiled_list", obj=_campaign)
def compiled_list(request, campaign_code, target: Campaign):
    pack = target.pack.pack
    scope = counters.scope(request.GET.get("state", ""))
    province = _province(request)
    items = _compiled_items(target, request.GET, province.paths)
    page = Paginator(items, 100).get_page(request.GET.get("page"))
    entries = list(page)
    for e in entries:
        e.state_text = counters.state_label(e.registration.state)
        e.sent = e.registration.state in SENT_STATES
    unsent = 0
    if scope.key != "all":
        unsent = _compiled_items(target, {**request.GET.dict(), "state": "unsent"},
                                 province.paths).count()
    labels = {f.key: f.label for f in pack.fields}
    return render(request, "registry/compiled_list.html", {
        "campaign": target, "page": page, "entries": entries, "labels": labels,
        "fields": pack.selectable_fields(), "kinds": ExemplarKind.choices,
        "field": request.GET.get("field", ""), "kind": request.GET.get("kind", ""),
        "unit": request.GET.get("unit", ""), "scope": scope, "scopes": counters.SCOPES,
        "unsent": unsent, "query": request.GET.urlencode(), "province_filter": province,
    })


@requires("registry.view_compiled_list", obj=_campaign)
def compiled_list_export(request, campaign_code, fmt, target: Campaign):
    """The compiled list as Excel, Word, CSV (UTF-8 with BOM, comma-separated) or JSON."""
    if fmt not in dashboard.COMPILED_FORMATS:
        raise Http404(fmt)
    params = request.GET
    content, content_type, filename = dashboard.compiled_export(
        target, fmt, field=params.get("field", ""), kind=params.get("kind", ""),
        unit_id=params.get("unit", ""), state=params.get("state", ""),
        paths=_province(request).paths)
    return _attachment(content, content_type, filename)
