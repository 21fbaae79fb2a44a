"""``manage.py evaluate --campaign CODE [--json] [--quiet] [--stale-only] [--batch-size N]`` —
see docs/evidence.md and docs/evaluation.md ("Stored verdicts")."""

import json
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evaluation import selectors, verdicts
from guidance.models import Campaign

OUTCOMES = ("eligible", "not_eligible", "missing_evidence", "awaiting_judgement")


class Command(BaseCommand):
    help = ("Xét tiêu chuẩn mọi điển hình của một đợt và lưu kết quả (dòng JSON với --json).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, help="Mã đợt thi đua.")
        parser.add_argument("--json", action="store_true",
                            help="Mỗi điển hình một dòng JSON (JSON Lines).")
        parser.add_argument("--quiet", action="store_true",
                            help="Chỉ in số lượng theo kết quả, không in từng điển hình.")
        parser.add_argument("--stale-only", action="store_true",
                            help="Chỉ xét lại các điển hình chưa có kết quả đã lưu hoặc kết quả "
                                 "đã cũ.")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, campaign: str, json: bool, quiet: bool, stale_only: bool,
               batch_size: int, **options) -> None:
        found = Campaign.objects.select_related("pack").filter(code=campaign).first()
        if found is None:
            raise CommandError(f"Không có đợt thi đua mã “{campaign}”.")
        if batch_size < 1:
            raise CommandError("--batch-size phải là số nguyên dương.")
        exemplars = selectors.campaign_exemplars(found)
        if stale_only:
            exemplars = verdicts.stale(exemplars, found)

        def each(exemplar, verdict) -> None:
            if json:
                self.stdout.write(_json_line(exemplar, verdict))
            else:
                self.stdout.write(f"{exemplar.pk}\t{verdict.outcome}\t{exemplar.name}")

        started = time.monotonic()
        counts = dict.fromkeys(OUTCOMES, 0) | verdicts.store_verdicts(
            found, exemplars, batch_size=batch_size, each=None if quiet else each)
        seconds = time.monotonic() - started
        if not json:
            summary = ", ".join(f"{k}={v}" for k, v in counts.items())
            total = sum(counts.values())
            self.stdout.write(f"Tổng {total}: {summary}; đã lưu {total} kết quả trong "
                              f"{seconds:.1f} giây; còn {verdicts.stale_count(found)} điển hình "
                              "chưa có kết quả mới.")


def _json_line(exemplar, verdict) -> str:
    record = {"exemplar": exemplar.pk, "name": exemplar.name, "kind": exemplar.kind,
              "field": exemplar.field_key, "unit": exemplar.registration.unit.code,
              "outcome": verdict.outcome, **verdict.to_json()}
    return json.dumps(record, ensure_ascii=False)
