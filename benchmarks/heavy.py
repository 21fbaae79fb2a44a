"""The registration and criteria issues' scenarios: XLSX import and batch evaluation.

Each is skipped with a printed note when the code it measures does not exist yet.
"""

import importlib.util
import io

from django.db import transaction

from benchmarks import bare_sql
from benchmarks.scenarios import Context, Scenario, count_queries
from registry.models import Exemplar, Registration

# The 5,000 entries in one Biểu đăng ký (uploads.safety.MAX_ROWS counts entries).
IMPORT_ROWS = 5_000
EVALUATED = 100_000


def _filled_form(ctx: Context, registration: Registration, rows: int) -> bytes:
    """A Biểu đăng ký XLSX with ``rows`` entries, rendered by the product's own exporter from
    ``registration`` temporarily holding them (its own entries and copies of others; rolled
    back)."""
    from registry.io.document import registration_document
    from registry.io.export_xlsx import render_xlsx

    with transaction.atomic():
        held = registration.exemplars.count()  # the file holds these too: ``rows`` in all
        sources = list(Exemplar.objects.filter(registration__campaign=ctx.campaign)
                       .exclude(registration=registration).order_by("pk")[:rows - held])
        for position, item in enumerate(sources, start=held + 1):
            item.pk, item.registration, item.position = None, registration, position
        Exemplar.objects.bulk_create(sources, batch_size=1000)
        data = render_xlsx(registration_document(registration))
        transaction.set_rollback(True)
    return data


def import_scenario(ctx: Context) -> tuple[list[Scenario], list[str]]:
    if importlib.util.find_spec("uploads.parse_xlsx") is None:
        return [], ["import: skipped — uploads/parse_xlsx.py does not exist yet"]
    from python_calamine import CalamineWorkbook

    from registry.io.reader import read_upload
    from registry.services.form_import import preview_import

    rows = min(IMPORT_ROWS, Exemplar.objects.count() - 50)
    registration = Registration.objects.filter(campaign=ctx.campaign).order_by("pk").first()
    data = _filled_form(ctx, registration, rows)
    pack = ctx.campaign.pack.pack
    parsed = read_upload("bieu-dang-ky.xlsx", data, pack)
    notes = [f"import: the {rows:,}-entry file ({len(data) / 1024:,.0f} KiB) is read, "
             "validated and previewed against a registration "
             f"holding {registration.exemplars.count():,} entries"]
    if parsed.unusable:
        notes.append("import: the generated form was REFUSED by read_upload: "
                     + "; ".join(str(e.message) for e in parsed.errors[:2]))
    elif len(parsed.entries) != rows:
        notes.append(f"import: read_upload found {len(parsed.entries):,} of {rows:,} entries")

    def run() -> object:
        parsed = read_upload("bieu-dang-ky.xlsx", data, pack)  # parse + validate
        return preview_import(registration=registration, parsed=parsed)

    def bare() -> list:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]

    name = f"import: XLSX {rows:,} entries" + (" (refused)" if parsed.unusable else "")
    return [Scenario(name, run, bare, "bare calamine read", runs=5)], notes


def evaluation_scenario(ctx: Context) -> tuple[list[Scenario], list[str]]:
    if importlib.util.find_spec("evaluation.selectors") is None:
        return [], ["evaluate: skipped — evaluation.selectors (cases_for) does not exist yet"]
    from evaluation.selectors import campaign_exemplars, evaluate_exemplars, evaluated_in_batches

    exemplars = campaign_exemplars(ctx.campaign).order_by("pk")
    ids = list(exemplars.values_list("pk", flat=True)[:EVALUATED])
    if not ids:
        return [], ["evaluate: skipped — no exemplars"]
    top = ids[-1]
    chosen = campaign_exemplars(ctx.campaign).filter(pk__lte=top)

    def run() -> int:
        return sum(1 for _ in evaluated_in_batches(ctx.campaign, chosen))

    def batch_queries(size: int):
        batch = list(chosen.order_by("pk")[:size])
        return count_queries(lambda: evaluate_exemplars(ctx.campaign, batch))()

    small, large = batch_queries(1), batch_queries(2000)
    notes = [f"evaluate: queries per batch — 1 exemplar: {small}, 2,000 exemplars: {large}"
             + ("" if small == large else "  ← NOT constant")]
    bare = bare_sql.run(*bare_sql.evidence_rows(top, ctx.campaign.pk))
    return [Scenario(f"evaluate: {len(ids):,} exemplars", run, bare,
                     "bare SQL (ratings only)", runs=3)], notes
