"""The compiled list's downloads (web and API): inline up to ``EXPORT_INLINE_ROWS`` rows —
XLSX written to a temporary file and sent from it, CSV and JSON streamed as they are read, Word
up to ``EXPORT_DOCX_MAX_ROWS`` — and above that a background job (``exports``), registered
here as the kind ``registry.compiled_list`` (docs/exports.md). No request builds the list in
memory; the same writers run in the request and in the worker."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exports import http, kinds
from exports.models import ExportJob
from guidance.models import Campaign
from registry import dashboard

KIND = "registry.compiled_list"
BACKGROUND_FORMATS = ("xlsx", "csv", "json")


def params_of(campaign: Campaign, filters: dashboard.CompiledFilters) -> dict:
    """The job's parameters: the campaign, the filters and the province(s) the requester's
    page covered (``paths``, fixed when the job is asked for)."""
    params = {"campaign": campaign.code, **filters.query()}
    if filters.paths is not None:
        params["paths"] = list(filters.paths)
    return params


def _campaign(params: dict) -> Campaign:
    return Campaign.objects.select_related("pack").get(code=params["campaign"])


def _filters(params: dict) -> dashboard.CompiledFilters:
    return dashboard.CompiledFilters.from_query(params, paths=params.get("paths"))


def page_url(params: dict) -> str:
    query = _filters(params).query()
    url = reverse("registry:compiled_list", args=[params["campaign"]])
    return f"{url}?{urlencode(query)}" if query else url


def register() -> None:
    kinds.register(kinds.ExportKind(
        key=KIND, label=_("Danh sách điển hình tiên tiến đăng ký"),
        permission="registry.view_compiled_list", target=_campaign,
        count=lambda p: _filters(p).count(_campaign(p)),
        write=lambda p, fmt, out, on_row: dashboard.write_compiled(
            _campaign(p), fmt, _filters(p), out, on_row=on_row),
        filename=lambda p, fmt: dashboard.compiled_filename(fmt),
        formats=BACKGROUND_FORMATS, back_url=page_url))


def docx_max_rows() -> int:
    return int(getattr(settings, "EXPORT_DOCX_MAX_ROWS", 2000))


@dataclass(frozen=True)
class TooLarge:
    """A Word list refused for its size: the message, and where to get the list instead."""
    message: str
    rows: int


def too_large_message(rows: int) -> str:
    return gettext(
        "Danh sách có %(rows)s điển hình, quá dài để xuất ra Word (tối đa %(limit)s dòng). Hãy "
        "xuất Excel hoặc CSV, hoặc lọc theo lĩnh vực, loại hay đơn vị cho danh sách ngắn hơn."
    ) % {"rows": f"{rows:,}".replace(",", "."), "limit": f"{docx_max_rows():,}".replace(",", ".")}


def compiled_download(campaign: Campaign, fmt: str, filters: dashboard.CompiledFilters, *,
                      user, language: str = "vi") -> HttpResponseBase | ExportJob | TooLarge:
    """What a request for the compiled list as ``fmt`` gets: the file (inline, streamed), a
    background job (above the threshold), or a refusal (Word above its cap). The caller has
    checked ``registry.view_compiled_list``."""
    from exports.services import inline_rows, request_export

    rows = filters.count(campaign)
    if fmt == "docx":
        if rows > docx_max_rows():
            return TooLarge(too_large_message(rows), rows)
    elif rows > inline_rows():
        return request_export(kind=KIND, params=params_of(campaign, filters), fmt=fmt,
                              acting_user=user, rows_total=rows, language=language)
    filename = dashboard.compiled_filename(fmt)
    content_type = dashboard.COMPILED_CONTENT_TYPES[fmt]
    if fmt in ("csv", "json"):
        return http.streamed(dashboard.compiled_chunks(campaign, fmt, filters),
                             filename=filename, content_type=content_type)
    return http.file_response(lambda out: dashboard.write_compiled(campaign, fmt, filters, out),
                              filename=filename, content_type=content_type)
