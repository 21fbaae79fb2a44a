"""The campaign evaluation table's Excel file: inline up to ``EXPORT_INLINE_ROWS`` rows (streamed
from the stored verdicts into a temporary file), above that a background job — the kind
``evaluation.campaign_table`` of ``exports`` (docs/exports.md). The job's parameters are plain
values: the campaign's code, the filters and the provinces the requester reads."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import roles
from evaluation import table
from exports import http, kinds
from exports.models import ExportJob
from guidance.models import Campaign
from uploads.tables import write_xlsx

KIND = "evaluation.campaign_table"
FILTER_KEYS = ("unit", "field", "kind", "outcome")


def params_of(campaign: Campaign, filters: dict, user) -> dict:
    """``filters``: the filter form's cleaned data; the requester's provinces fixed now."""
    params = {"campaign": campaign.code,
              **{k: filters[k] for k in FILTER_KEYS if filters.get(k)}}
    paths = roles.province_paths(user)
    params["paths"] = None if paths is None else list(paths)
    return params


def filters_of(params: dict) -> dict:
    paths = params.get("paths")
    return {**{k: params.get(k) for k in FILTER_KEYS},
            "scope": roles.under(None if paths is None else tuple(paths),
                                 "registration__unit__tree_path")}


def _campaign(params: dict) -> Campaign:
    return Campaign.objects.select_related("pack").get(code=params["campaign"])


def filename(_params: dict | None = None, _fmt: str = "xlsx") -> str:
    return f"xet-tieu-chuan-{timezone.localdate().strftime('%Y%m%d')}.xlsx"


def write(params: dict, fmt: str, out, on_row) -> int:
    campaign = _campaign(params)
    return write_xlsx(out, gettext("Kết quả xét tiêu chuẩn"), table.headers(),
                      table.campaign_table_rows(campaign, filters_of(params)), on_row=on_row)


def back_url(params: dict) -> str:
    return reverse("evaluation:campaign_evaluation", args=[params["campaign"]])


def register() -> None:
    kinds.register(kinds.ExportKind(
        key=KIND, label=_("Kết quả xét tiêu chuẩn"),
        permission="evaluation.view_campaign_evaluation", target=_campaign,
        count=lambda p: table.campaign_table_count(_campaign(p), filters_of(p)),
        write=write, filename=filename, formats=("xlsx",), back_url=back_url))


def table_download(campaign: Campaign, filters: dict, *, user, language: str = "vi"):
    """The file inline, or the background job when the table is longer than the threshold.
    The caller has checked ``evaluation.view_campaign_evaluation``."""
    from exports.services import inline_rows, request_export

    params = params_of(campaign, filters, user)
    scoped = filters_of(params)
    rows = table.campaign_table_count(campaign, scoped)
    if rows > inline_rows():
        return request_export(kind=KIND, params=params, fmt="xlsx", acting_user=user,
                              rows_total=rows, language=language)
    return http.file_response(lambda out: write(params, "xlsx", out, None),
                              filename=filename(), content_type=kinds.CONTENT_TYPES["xlsx"])


__all__ = ["ExportJob", "register", "table_download"]
