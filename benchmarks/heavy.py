"""The registration and criteria issues' scenarios: XLSX import and batch evaluation.

Each is skipped with a printed note when the code it measures does not exist yet.
"""

import importlib.util
import io

from django.db import transaction

from benchmarks import bare_sql
from benchmarks.scenarios import Context, Scenario, count_queries
from registry.models import Exemplar, Registration

# The brief's 5,000 rows, less the headroom the importer keeps for headings: it refuses a file
# whose rows (entries and headings together) exceed registry.io.safety.MAX_ROWS (5,000).
IMPORT_ROWS = 4_900
EVALUATED = 100_000


def _filled_form(ctx: Context, rows: int) -> bytes:
    """A Biểu đăng ký XLSX with ``rows`` entries, rendered by the product's own exporter from
    a registration that temporarily holds them (rolled back)."""
    from registry.io.document import registration_document
    from registry.io.export_xlsx import render_xlsx

    with transaction.atomic():
        registration = Registration.objects.filter(campaign=ctx.campaign).order_by("pk").first()
        sources = list(Exemplar.objects.filter(registration__campaign=ctx.campaign)
                       .exclude(registration=registration).order_by("pk")[:rows])
        for position, item in enumerate(sources, start=1):
            item.pk, item.registration, item.position = None, registration, position
        Exemplar.objects.bulk_create(sources, batch_size=1000)
        data = render_xlsx(registration_document(registration))
        transaction.set_rollback(True)
    return data


def import_scenario(ctx: Context) -> tuple[list[Scenario], list[str]]:
    if importlib.util.find_spec("registry.io.parse_xlsx") is None:
        return [], ["import: skipped — registry/io/parse_xlsx.py does not exist yet"]
    from python_calamine import CalamineWorkbook

    from registry.io.reader import read_upload

    rows = min(IMPORT_ROWS, Exemplar.objects.count() - 50)
    data = _filled_form(ctx, rows)
    pack = ctx.campaign.pack.pack
    parsed = read_upload("bieu-dang-ky.xlsx", data, pack)
    notes = []
    if getattr(parsed, "unusable", False):
        notes.append("import: the generated form was refused by read_upload")

    def bare() -> list:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]

    name = f"import: XLSX {rows:,} rows"
    return [Scenario(name, lambda: read_upload("bieu-dang-ky.xlsx", data, pack), bare,
                     "bare calamine read", runs=5)], notes


def evaluation_scenario(ctx: Context) -> tuple[list[Scenario], list[str]]:
    if importlib.util.find_spec("evaluation.selectors") is None:
        return [], ["evaluation: skipped — evaluation.selectors (cases_for) does not exist yet"]
    from evaluation.selectors import campaign_exemplars, evaluate_exemplars, evaluated_in_batches

    exemplars = campaign_exemplars(ctx.campaign).order_by("pk")
    ids = list(exemplars.values_list("pk", flat=True)[:EVALUATED])
    if not ids:
        return [], ["evaluation: skipped — no exemplars"]
    top = ids[-1]
    chosen = campaign_exemplars(ctx.campaign).filter(pk__lte=top)

    def run() -> int:
        return sum(1 for _ in evaluated_in_batches(ctx.campaign, chosen))

    def batch_queries(size: int):
        batch = list(chosen.order_by("pk")[:size])
        return count_queries(lambda: evaluate_exemplars(ctx.campaign, batch))()

    small, large = batch_queries(1), batch_queries(2000)
    notes = [f"evaluation: queries per batch — 1 exemplar: {small}, 2,000 exemplars: {large}"
             + ("" if small == large else "  ← NOT constant")]
    bare = bare_sql.run(*bare_sql.evidence_rows(top, ctx.campaign.pk))
    return [Scenario(f"evaluate: {len(ids):,} exemplars", run, bare,
                     "bare SQL (ratings only)", runs=3)], notes
