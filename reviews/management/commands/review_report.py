"""``manage.py review_report --campaign CODE [--period CODE] [--group-by current|former]
[--docx FILE] [--xlsx FILE] [--json]`` — the review statistics for scripts (docs/reviews.md).

Without ``--period`` the latest declared review period that includes the campaign is used, or,
when none was declared, the whole campaign (an unsaved period without date limits). With
``--json`` one JSON object (``reviews.selectors.command_summary``) is printed; ``--docx`` and
``--xlsx`` also write the report and its workbook, as the background worker makes them.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guidance.models import Campaign
from orgs.lineage import GROUPINGS
from reviews import selectors
from reviews.models import ReviewPeriod


class Command(BaseCommand):
    help = "Số liệu sơ kết, tổng kết của một đợt thi đua (một đối tượng JSON với --json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, help="Mã đợt thi đua.")
        parser.add_argument("--period", default="", help="Mã kỳ sơ kết, tổng kết.")
        parser.add_argument("--group-by", choices=GROUPINGS, default="current",
                            help="Nhóm theo đơn vị hiện nay (current) hoặc huyện cũ (former).")
        parser.add_argument("--docx", type=Path, help="Ghi báo cáo (DOCX) ra tệp này.")
        parser.add_argument("--xlsx", type=Path, help="Ghi bảng số liệu (XLSX) ra tệp này.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")

    def handle(self, *args, campaign: str, period: str, group_by: str, docx: Path | None,
               xlsx: Path | None, json: bool, **options) -> None:
        found = Campaign.objects.select_related("pack").filter(code=campaign).first()
        if found is None:
            raise CommandError(f"Không có đợt thi đua mã “{campaign}”.")
        chosen = _period(found, period)
        stats = selectors.statistics(chosen, group_by)
        summary = selectors.command_summary(stats)
        if docx or xlsx:
            _write(stats, docx, xlsx)
        if json:
            self.stdout.write(_dumps(summary))
            return
        self.stdout.write(f"{chosen.title} ({chosen.starts_on:%d/%m/%Y} – "
                          f"{chosen.ends_on:%d/%m/%Y}), nhóm theo {group_by}")
        for key, value in summary.items():
            if isinstance(value, int):
                self.stdout.write(f"{key}\t{value}")


def _period(campaign: Campaign, code: str) -> ReviewPeriod:
    if code:
        period = ReviewPeriod.objects.filter(code=code).first()
        if period is None:
            raise CommandError(f"Không có kỳ sơ kết, tổng kết mã “{code}”.")
        if not period.campaigns.filter(pk=campaign.pk).exists():
            raise CommandError(f"Kỳ “{code}” không gồm đợt thi đua “{campaign.code}”.")
        return period
    return selectors.latest_period_of(campaign) or selectors.adhoc_period(
        [campaign], title=f"Tổng kết {campaign.name}")


def _write(stats, docx: Path | None, xlsx: Path | None) -> None:
    from reviews.charts import review_charts
    from reviews.report_docx import report_docx
    from reviews.report_xlsx import report_xlsx
    from reviews.selectors import data_version

    charts = review_charts(stats)
    try:
        if docx:
            docx.write_bytes(report_docx(stats, charts, data_version=data_version()))
        if xlsx:
            xlsx.write_bytes(report_xlsx(stats, charts))
    except OSError as error:
        raise CommandError(f"Không ghi được tệp: {error}") from error


def _dumps(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, default=str)
