"""The standing office's pages: compile-and-monitor dashboard and the compiled exemplar list."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import requires
from guidance.models import Campaign
from orgs.models import EmulationBlock, UnitType
from registry import dashboard
from registry.enums import ExemplarKind, RegistrationState
from uploads.tables import docx_bytes, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _state_label(value: str | None) -> str:
    return RegistrationState(value).label if value else _("Chưa lập")


def _dashboard_table(campaign: Campaign, filters: dashboard.DashboardFilters):
    headers = [_("Cơ quan, đơn vị"), _("Loại"), _("Khối thi đua"), _("Trạng thái"), _("Gửi muộn"),
               *[k.label for k in ExemplarKind], _("Đạt chỉ tiêu"), _("Lý do chưa đủ chỉ tiêu")]
    rows = [
        [u.name, u.get_unit_type_display(), u.emulation_block.name if u.emulation_block else "",
         _state_label(u.registration_state), _("Có") if u.registration_is_late else "",
         *[getattr(u, f"n_{k.value}") for k in ExemplarKind],
         _("Đạt") if u.quota_met else _("Chưa đạt"), u.below_quota_reason or ""]
        for u in dashboard.dashboard_rows(campaign, filters)
    ]
    return headers, rows


@requires("registry.view_dashboard", obj=_campaign)
def overview(request, campaign_code, target: Campaign):
    filters = dashboard.DashboardFilters.from_query(request.GET)
    rows_query = dashboard.dashboard_rows(target, filters)
    page = Paginator(rows_query, 100).get_page(request.GET.get("page"))
    pack = target.pack.pack
    by_field: dict[str, dict[str, int]] = {}
    for item in dashboard.counts_by_field(target):
        by_field.setdefault(item["field_key"], {})[item["kind"]] = item["n"]
    field_rows = [
        {"key": f.key, "label": f.label,
         "counts": [by_field.get(f.key, {}).get(k.value, 0) for k in ExemplarKind]}
        for f in pack.selectable_fields() if f.key in by_field
    ]
    summary = dashboard.dashboard_summary(rows_query)
    return render(request, "registry/overview.html", {
        "campaign": target, "rows": page, "page": page, "filters": filters, "summary": summary,
        "states": RegistrationState.choices, "kinds": list(ExemplarKind),
        "unit_types": UnitType.choices, "blocks": EmulationBlock.objects.order_by("code"),
        "field_rows": field_rows, "query": request.GET.urlencode(),
    })


@requires("registry.view_dashboard", obj=_campaign)
def overview_xlsx(request, campaign_code, target: Campaign):
    headers, rows = _dashboard_table(target, dashboard.DashboardFilters.from_query(request.GET))
    title = _("Tổng hợp đăng ký")
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _attachment(xlsx_bytes(title, headers, rows), XLSX, f"tong-hop-dang-ky-{stamp}.xlsx")


def _compiled_table(campaign: Campaign, params):
    pack = campaign.pack.pack
    items = dashboard.compiled_exemplars(campaign, field=params.get("field", ""),
                                         kind=params.get("kind", ""),
                                         unit_id=params.get("unit", ""))
    headers = [_("Stt"), _("Loại"), _("Tên"), _("Chức vụ; đơn vị công tác; địa chỉ"),
               _("Điển hình thuộc lĩnh vực"), _("Đơn vị đăng ký"), _("Giải pháp (nêu khái quát)")]

    def detail(e) -> str:
        parts = [e.position_title, e.work_unit, e.head_name, e.address]
        return "; ".join(p for p in parts if p)

    rows = [
        [index, e.get_kind_display(), e.name, detail(e),
         f"{e.field_key}) {pack.field_label(e.field_key)}", e.registration.unit.name, e.solutions]
        for index, e in enumerate(items, start=1)
    ]
    return items, headers, rows


@requires("registry.view_compiled_list", obj=_campaign)
def compiled_list(request, campaign_code, target: Campaign):
    pack = target.pack.pack
    items = dashboard.compiled_exemplars(target, field=request.GET.get("field", ""),
                                         kind=request.GET.get("kind", ""),
                                         unit_id=request.GET.get("unit", ""))
    page = Paginator(items, 100).get_page(request.GET.get("page"))
    labels = {f.key: f.label for f in pack.fields}
    return render(request, "registry/compiled_list.html", {
        "campaign": target, "page": page, "labels": labels, "fields": pack.selectable_fields(),
        "kinds": ExemplarKind.choices, "field": request.GET.get("field", ""),
        "kind": request.GET.get("kind", ""), "unit": request.GET.get("unit", ""),
        "query": request.GET.urlencode(),
    })


@requires("registry.view_compiled_list", obj=_campaign)
def compiled_list_export(request, campaign_code, fmt, target: Campaign):
    _items, headers, rows = _compiled_table(target, request.GET)
    title = _("Danh sách điển hình tiên tiến đăng ký")
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "docx":
        content = docx_bytes(title, target.name, headers, rows)
        return _attachment(content, DOCX, f"danh-sach-dien-hinh-{stamp}.docx")
    return _attachment(xlsx_bytes(title, headers, rows), XLSX, f"danh-sach-dien-hinh-{stamp}.xlsx")
