"""``manage.py evaluate --campaign CODE [--json] [--batch-size N]`` — see docs/evidence.md."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evaluation import selectors
from guidance.models import Campaign

OUTCOMES = ("eligible", "not_eligible", "missing_evidence", "awaiting_judgement")


class Command(BaseCommand):
    help = "Xét tiêu chuẩn mọi điển hình của một đợt (dòng JSON với --json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, help="Mã đợt thi đua.")
        parser.add_argument("--json", action="store_true",
                            help="Mỗi điển hình một dòng JSON (JSON Lines).")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, campaign: str, json: bool, batch_size: int, **options) -> None:
        found = Campaign.objects.select_related("pack").filter(code=campaign).first()
        if found is None:
            raise CommandError(f"Không có đợt thi đua mã “{campaign}”.")
        exemplars = selectors.campaign_exemplars(found)
        counts = dict.fromkeys(OUTCOMES, 0)
        for exemplar, verdict in selectors.evaluated_in_batches(found, exemplars, batch_size):
            counts[verdict.outcome] += 1
            if json:
                self.stdout.write(_json_line(exemplar, verdict))
            else:
                self.stdout.write(f"{exemplar.pk}\t{verdict.outcome}\t{exemplar.name}")
        if not json:
            summary = ", ".join(f"{k}={v}" for k, v in counts.items())
            self.stdout.write(f"Tổng {sum(counts.values())}: {summary}")


def _json_line(exemplar, verdict) -> str:
    record = {"exemplar": exemplar.pk, "name": exemplar.name, "kind": exemplar.kind,
              "field": exemplar.field_key, "unit": exemplar.registration.unit.code,
              "outcome": verdict.outcome, **verdict.to_json()}
    return json.dumps(record, ensure_ascii=False)
