"""The standing office's pages: compile-and-monitor dashboard and the compiled exemplar list."""

from dataclasses import replace

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.access import requires
from core import keyset
from exports import http
from exports.models import ExportJob
from guidance.models import Campaign
from orgs.models import EmulationBlock, UnitType
from registry import counters, dashboard, dashboard_columns, dashboard_panels
from registry.enums import SENT_STATES, ExemplarKind
from registry.exports import TooLarge, compiled_download, page_url, params_of
from uploads.tables import write_xlsx

XLSX = dashboard.XLSX
COMPILED_FORMATS = dashboard.COMPILED_FORMATS


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


def _province(request) -> roles.ProvinceFilter:
    """The page's province: the user's own, or the one chosen with ``?tinh=`` by a user whose
    scope spans several (the national role)."""
    return roles.province_filter(request.user, request.GET.get(roles.PROVINCE_PARAM))


def _dashboard_table(campaign: Campaign, filters: dashboard.DashboardFilters, paths=None,
                     batch_size: int = 1000):
    """The overview's table for its Excel export: the headers, and the rows as a generator —
    the dashboard rows read ``batch_size`` at a time, each batch's registered columns filled
    with one query per column (as a page of the overview), never the whole list in memory."""
    from itertools import batched

    headers = [_("Cơ quan, đơn vị"), _("Loại"), _("Khối thi đua"), _("Trạng thái"), _("Gửi muộn"),
               *[k.label for k in ExemplarKind], _("Đạt chỉ tiêu"), _("Lý do chưa đủ chỉ tiêu")]
    headers += [str(c.label) for c in dashboard_columns.columns()]
    units = dashboard.dashboard_rows(campaign, filters, paths).iterator(chunk_size=batch_size)

    def rows():
        for batch in batched(units, batch_size):
            batch = list(batch)
            dashboard_columns.fill(campaign, batch)
            for u in batch:
                yield [u.name, u.get_unit_type_display(),
                       u.emulation_block.name if u.emulation_block else "",
                       counters.state_label(u.registration_state),
                       _("Có") if u.registration_sent and u.registration_is_late else "",
                       *[getattr(u, f"n_{k.value}") for k in ExemplarKind],
                       dashboard.quota_text(u), u.below_quota_reason or "",
                       *[t for _l, t in u.extra_cells]]

    return headers, rows()


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


class _CountedPaginator(Paginator):
    """A paginator told its count (the summary's counter) instead of running a COUNT."""

    def __init__(self, object_list, per_page, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known = count

    @property
    def count(self) -> int:
        return self._known


def _rows_count(summary: dict[str, int], filters: dashboard.DashboardFilters) -> int | None:
    """The number of filtered rows when the summary already holds it: no state or quota filter
    (the total) or one of them (that counter: the filter is the counter's own ``Q``)."""
    chosen = [counters.counter(param, key) for param, key in
              (("state", filters.state), ("quota", filters.quota))]
    chosen = [c for c in chosen if c is not None]
    if not chosen:
        return summary["total"]
    return summary[chosen[0].key] if len(chosen) == 1 else None


@requires("registry.view_dashboard", obj=_campaign)
def overview(request, campaign_code, target: Campaign):
    filters = dashboard.DashboardFilters.from_query(request.GET)
    province = _province(request)
    # The cards count over the unit-type and block filters only: each card's link replaces the
    # state or quota filter with its own, so the number on a card is the rows its link shows.
    base = dashboard.dashboard_rows(target, replace(filters, state="", quota=""), province.paths)
    summary = dashboard.dashboard_summary(base)
    rows_query = dashboard.dashboard_rows(target, filters, province.paths)
    known = _rows_count(summary, filters)
    paginator = (Paginator(rows_query, 100) if known is None
                 else _CountedPaginator(rows_query, 100, known))
    page = paginator.get_page(request.GET.get("page"))
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
    return http.file_response(lambda out: write_xlsx(out, title, headers, rows),
                              filename=f"tong-hop-dang-ky-{stamp}.xlsx", content_type=XLSX)


COMPILED_PER_PAGE = 100
COMPILED_SALT = "registry.compiled_list"


@requires("registry.view_compiled_list", obj=_campaign)
def compiled_list(request, campaign_code, target: Campaign):
    """The compiled list: the first pages by number, any page by keyset (``core.keyset``:
    ``?sau=``/``?truoc=`` tokens, ``?cuoi=1``), the total from the campaign's tally."""
    pack = target.pack.pack
    scope = counters.scope(request.GET.get("state", ""))
    province = _province(request)
    filters = dashboard.CompiledFilters.from_query(request.GET, paths=province.paths)
    page = keyset.paginate(filters.items(target), dashboard.COMPILED_ORDER, request.GET,
                           count=filters.count(target),
                           per_page=COMPILED_PER_PAGE, salt=COMPILED_SALT)
    entries = page.entries
    for number, e in enumerate(entries, start=page.start_index):
        e.number = number
        e.state_text = counters.state_label(e.registration.state)
        e.sent = e.registration.state in SENT_STATES
    unsent = 0
    if scope.key != "all":
        unsent = replace(filters, state="unsent").count(target)
    labels = {f.key: f.label for f in pack.fields}
    return render(request, "registry/compiled_list.html", {
        "campaign": target, "page": page, "entries": entries, "labels": labels,
        "fields": pack.selectable_fields(), "kinds": ExemplarKind.choices,
        "field": request.GET.get("field", ""), "kind": request.GET.get("kind", ""),
        "unit": request.GET.get("unit", ""), "scope": scope, "scopes": counters.SCOPES,
        "unsent": unsent, "query": _without_page(request.GET).urlencode(),
        "province_filter": province,
    })


def _without_page(params):
    """The query string without the page's position (the exports list the whole list)."""
    kept = params.copy()
    for name in keyset.PARAMS:
        kept.pop(name, None)
    return kept


@requires("registry.view_compiled_list", obj=_campaign)
def compiled_list_export(request, campaign_code, fmt, target: Campaign):
    """The compiled list as Excel, Word, CSV (UTF-8 with BOM, comma-separated) or JSON: inline
    when small, a background job (its status page) when large, Word refused above its cap."""
    if fmt not in dashboard.COMPILED_FORMATS:
        raise Http404(fmt)
    filters = dashboard.CompiledFilters.from_query(request.GET, paths=_province(request).paths)
    answer = compiled_download(target, fmt, filters, user=request.user,
                               language=getattr(request, "LANGUAGE_CODE", "vi"))
    if isinstance(answer, ExportJob):
        messages.info(request, _("Danh sách dài nên tệp được lập trong nền; khi xong, nút tải về "
                                 "hiện trên trang này."))
        return redirect(answer)
    if isinstance(answer, TooLarge):
        query = request.GET.urlencode()
        links = [{"label": label, "url": reverse("registry:compiled_list_export",
                                                 args=[target.code, other])
                  + (f"?{query}" if query else "")}
                 for other, label in (("xlsx", _("Xuất Excel")), ("csv", _("Xuất CSV")))]
        return render(request, "exports/too_large.html", {
            "message": answer.message, "links": links,
            "back_url": page_url(params_of(target, filters))})
    return answer
