"""The registration and criteria issues' scenarios: XLSX import and batch evaluation.

Each is skipped with a printed note when the code it measures does not exist yet.
"""

import importlib.util
import io
import itertools
import random

from django.db import transaction
from django.db.models import Max

from benchmarks import bare_sql, naming
from benchmarks.people import compose_person
from benchmarks.scenarios import Context, Scenario, count_queries
from core.text import fold
from registry.enums import RegistrationState, exemplar_sort_key
from registry.models import Exemplar, Registration

# The 5,000 entries in one Biểu đăng ký (uploads.safety.MAX_ROWS counts entries).
IMPORT_ROWS = 5_000
EVALUATED = 100_000


PERSON_KINDS = ("individual", "household")
# Second middle names that make a person's name distinct ("Lò Thị Thu Hương").
EXTRA_MIDDLES = ["Thu", "Ngọc", "Minh", "Xuân", "Hồng", "Thanh", "Kim", "Bảo", "Quang", "Hữu",
                 "Mai", "Diệu", "Hải", "Phúc", "Khánh", "Tuyết"]
BENCH_OFFICER = "bench-unit-officer"


def _distinct_name(kind: str, name: str, taken: set[tuple[str, str]],
                   rng: random.Random) -> str:
    """``name``, or a realistic variant of it no entry of the same section has (the form refuses
    two entries of one section with the same name, diacritics and case aside)."""
    candidates = []
    if kind in PERSON_KINDS:
        words = name.split()
        for _ in range(60):
            person = compose_person(rng).full_name.split()
            candidates.append(" ".join(person))
            candidates.append(" ".join([*person[:-1], rng.choice(EXTRA_MIDDLES), person[-1]]))
        candidates.append(" ".join([*words[:-1], rng.choice(EXTRA_MIDDLES), words[-1]]))
    else:
        candidates += [f"{name}, bản {naming.place_name(rng)}" for _ in range(60)]
    for candidate in [name, *candidates]:
        if (kind, fold(candidate)) not in taken:
            taken.add((kind, fold(candidate)))
            return candidate
    for number in itertools.count(2):  # never reached in practice
        candidate = f"{name} ({number})"
        if (kind, fold(candidate)) not in taken:
            taken.add((kind, fold(candidate)))
            return candidate
    raise AssertionError


def _import_target(ctx: Context) -> Registration:
    """A draft registration (editable by its unit's officer) whose own entries have distinct
    names within each section, so that the file made from it has no row error."""
    drafts = Registration.objects.filter(campaign=ctx.campaign, state=RegistrationState.DRAFT)
    for registration in drafts.order_by("pk")[:200]:
        names = list(registration.exemplars.values_list("kind", "name"))
        if len({(k, fold(n)) for k, n in names}) == len(names):
            return registration
    raise RuntimeError("import: no draft registration whose entries have distinct names")


def _filled_form(ctx: Context, registration: Registration, rows: int) -> bytes:
    """A Biểu đăng ký XLSX with ``rows`` entries, rendered by the product's own exporter from
    ``registration`` temporarily holding them (rolled back): its own entries, then copies of
    other registrations' entries renamed where a name is already in their section."""
    from registry.io.document import registration_document
    from registry.io.export_xlsx import render_xlsx

    rng = random.Random(2533)
    with transaction.atomic():
        own = list(registration.exemplars.values_list("kind", "name"))
        taken = {(kind, fold(name)) for kind, name in own}
        sources = list(Exemplar.objects.filter(registration__campaign=ctx.campaign)
                       .exclude(registration=registration).order_by("pk")[:rows - len(own)])
        positions: dict[str, int] = dict(registration.exemplars.order_by().values_list("kind")
                                         .annotate(m=Max("position")))
        for item in sources:
            item.name = _distinct_name(item.kind, item.name, taken, rng)
            if item.kind == "household":
                item.head_name = item.name  # a household is named by its head
            positions[item.kind] = (positions.get(item.kind) or 0) + 1
            item.pk, item.registration, item.position = None, registration, positions[item.kind]
            item.folded_name = fold(item.name)[:255]
            item.sort_key = exemplar_sort_key(item.kind, item.name)
        Exemplar.objects.bulk_create(sources, batch_size=1000)
        data = render_xlsx(registration_document(registration))
        transaction.set_rollback(True)
    return data


def _unit_officer(registration: Registration):
    from accounts.models import Membership, Role, User

    user, _ = User.objects.get_or_create(username=BENCH_OFFICER,
                                         defaults={"full_name": "Cán bộ thi đua (bench)"})
    Membership.objects.filter(user=user).exclude(unit=registration.unit).delete()
    Membership.objects.get_or_create(user=user, unit=registration.unit, role=Role.UNIT_OFFICER)
    return user


def import_scenarios(ctx: Context) -> tuple[list[Scenario], list[str]]:
    """Reading, validating and previewing a valid 5,000-entry form (no row error: asserted),
    and applying it to the registration inside a transaction that is rolled back."""
    if importlib.util.find_spec("uploads.parse_xlsx") is None:
        return [], ["import: skipped — uploads/parse_xlsx.py does not exist yet"]
    from python_calamine import CalamineWorkbook

    from registry.io.reader import read_upload
    from registry.services.form_import import apply_import, preview_import

    registration = _import_target(ctx)
    held = registration.exemplars.count()
    rows = min(IMPORT_ROWS, Exemplar.objects.count() - 50)
    data = _filled_form(ctx, registration, rows)
    pack = ctx.campaign.pack.pack
    parsed = read_upload("bieu-dang-ky.xlsx", data, pack)
    if parsed.unusable or parsed.errors:
        raise RuntimeError(f"import: the generated {rows:,}-entry form has "
                           f"{len(parsed.errors):,} errors, e.g. "
                           + "; ".join(f"row {e.row}: {e.message}" for e in parsed.errors[:3]))
    preview = preview_import(registration=registration, parsed=parsed)
    if not preview.can_apply or len(parsed.entries) != rows or preview.removed:
        raise RuntimeError(f"import: the preview of the {rows:,}-entry form cannot be applied "
                           f"as is ({len(parsed.entries):,} entries read, "
                           f"{len(preview.removed)} removals)")
    officer = _unit_officer(registration)
    notes = [f"import: the {rows:,}-entry file ({len(data) / 1024:,.0f} KiB) has no row error; "
             f"against a draft registration holding {held:,} entries the preview adds "
             f"{len(preview.added):,}, changes {len(preview.changed):,}, removes none; "
             "the apply runs inside a transaction that is rolled back"]

    def run() -> object:
        parsed = read_upload("bieu-dang-ky.xlsx", data, pack)  # parse + validate
        return preview_import(registration=registration, parsed=parsed)

    def bare() -> list:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]

    applied: list[int] = []

    def apply() -> None:
        with transaction.atomic():
            target = Registration.objects.get(pk=registration.pk)
            result = apply_import(registration=target, parsed=parsed, acting_user=officer,
                                  source_name="bench.xlsx")
            applied.append(result.added)
            transaction.set_rollback(True)

    apply_runs = 2  # seconds each at 5,000 entries: no warm-up run either
    apply_scenario = Scenario(f"import: apply {rows:,} entries (rolled back)", apply,
                              bare_sql.rolled_back(*bare_sql.exemplar_insert_floor(
                                  registration.pk, len(preview.added))),
                              "bare INSERT … SELECT (rolled back)", runs=apply_runs, warmup=0)
    return [Scenario(f"import: XLSX {rows:,} entries", run, bare, "bare calamine read", runs=5),
            apply_scenario], notes


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
