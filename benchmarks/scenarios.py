"""The timed scenarios: each a callable, its bare-SQL lower bound, and optional query count."""

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks import bare_sql
from core.text import fold
from guidance.models import Campaign
from orgs.models import Unit
from registry.dashboard import DashboardFilters, dashboard_rows
from registry.selectors import units_required_to_register

SEARCHES = {
    "search: with diacritics": "Đặng Thị Mai",
    "search: without diacritics": "dang thi mai",
    "search: typo": "dnag thi mai",
    "search: OCR-garbled": "Dặng Thi Mal",
}


@dataclass
class Scenario:
    name: str
    run: Callable[[], object]
    bare: Callable[[], object] | None = None
    bare_label: str = "bare SQL"
    runs: int | None = None  # None: the run's default
    queries: Callable[[], int] | None = None  # query count of one run (list pages)
    notes: list[str] = field(default_factory=list)
    warmup: int = 1  # untimed runs first (0 for the slow ones: an export, an import's apply)
    over_http: bool = False  # timed against the production server: its memory is sampled
    target: str = ""  # "list": a list page (≤ 2× its bare SQL and ≤ 150 ms median)
    fixed_runs: bool = False  # ``runs`` as given, even above the run's default (labelled set)


@dataclass
class Context:
    campaign: Campaign
    province: Unit
    client: Client
    user: object = None  # the bench's standing-office user


def count_queries(fn: Callable[[], object]) -> Callable[[], int]:
    def counted() -> int:
        with CaptureQueriesContext(connection) as captured:
            fn()
        return len(captured)

    return counted


def search_scenarios(ctx: Context) -> tuple[list[Scenario], list[str]]:
    if importlib.util.find_spec("search.selectors") is None:
        return [], ["search: skipped — search.selectors is not built yet"]
    from search.selectors import search

    label = "bare trigram" if connection.vendor == "postgresql" else "bare LIKE scan"
    wanted = fold(SEARCHES["search: with diacritics"])
    missed = [query for query in SEARCHES.values()
              if [fold(hit.name) for hit in search(None, query, limit=1)] != [wanted]]
    notes = [f"search: {', '.join(repr(q) for q in missed)} did not find "
             f"{SEARCHES['search: with diacritics']} first" if missed else
             f"search: all four queries find {SEARCHES['search: with diacritics']} first"]
    found = [
        Scenario(name, lambda q=query: search(None, q, limit=20),
                 bare_sql.run(*bare_sql.search(fold(query))), label)
        for name, query in SEARCHES.items()
    ]
    labelled_scenario, labelled_notes = labelled_set_scenario(search)
    return [*found, labelled_scenario], notes + labelled_notes


LABELLED_PASSES = 2  # timed runs per labelled query


def labelled_set_scenario(search) -> tuple[Scenario, list[str]]:
    """Every labelled query (``benchmarks.labelled``) twice — a warm-up, then the pass whose
    first hits give the accuracy, MRR and median time per kind of writing (the notes) — then
    timed: each run is the next query of the set, so the median and p95 are per query, over
    the whole set."""
    from itertools import cycle

    from benchmarks import labelled

    items = labelled.labelled_queries()
    labelled.evaluate(items, search)  # warm: the timed pass below is the second
    score, times = labelled.evaluate(items, search)
    queries = cycle([item.query for item in items])
    scenario = Scenario(f"search: labelled set ({len(items)} queries, one per run)",
                        lambda: search(None, next(queries), limit=20),
                        runs=len(items) * LABELLED_PASSES, fixed_runs=True, warmup=0)
    return scenario, labelled.summary(score, times)


def dashboard_scenario(ctx: Context) -> Scenario:
    campaign, prefix = ctx.campaign, ctx.province.tree_path
    types = sorted({u for u in units_required_to_register(campaign)
                    .values_list("unit_type", flat=True).distinct()})

    def run() -> list:
        return list(dashboard_rows(campaign, DashboardFilters(sort="type"))
                    .filter(tree_path__startswith=prefix))

    bare = bare_sql.run(*bare_sql.dashboard(campaign.pk, campaign.registration_deadline,
                                            types, prefix))
    scenario = Scenario("dashboard: one province", run, bare)
    orm_rows, sql_rows = run(), bare()
    if [r.pk for r in orm_rows] != [r[0] for r in sql_rows]:
        scenario.notes.append("dashboard: ORM and bare SQL rows differ in order or membership")
    return scenario


def page_scenarios(ctx: Context) -> list[Scenario]:
    code, day = ctx.campaign.code, ctx.campaign.registration_deadline
    pages = {
        "page: unit list": (reverse("orgs:unit_list"), bare_sql.unit_page(day)),
        "page: overview": (reverse("registry:overview", args=[code]),
                           bare_sql.dashboard(ctx.campaign.pk, day, _required_types(ctx), "/")),
        "page: compiled list": (reverse("registry:compiled_list", args=[code]),
                                bare_sql.compiled_page(ctx.campaign.pk)),
    }
    pages.update(_compiled_deep_pages(ctx))
    scenarios = []
    for name, (url, (sql, params)) in pages.items():
        def get(url: str = url) -> None:
            response = ctx.client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            response.content  # noqa: B018 — make sure the whole body is rendered

        scenarios.append(Scenario(name, get, bare_sql.run(sql, params),
                                  queries=count_queries(get)))
    return scenarios


def _compiled_deep_pages(ctx: Context) -> dict[str, tuple[str, tuple[str, list]]]:
    """The compiled list's last page ("Trang cuối") and a page in the middle reached by its
    keyset token ("Trang sau" from there), each against its bare SQL on the same index."""
    from core import keyset
    from registry import dashboard
    from registry.views_dashboard import COMPILED_PER_PAGE, COMPILED_SALT

    url = reverse("registry:compiled_list", args=[ctx.campaign.code])
    items = dashboard.compiled_exemplars(ctx.campaign)
    total = dashboard.compiled_count(ctx.campaign)
    if total <= COMPILED_PER_PAGE:
        return {}
    last_rows = total - (total - 1) // COMPILED_PER_PAGE * COMPILED_PER_PAGE
    middle = (total // 2) // COMPILED_PER_PAGE * COMPILED_PER_PAGE  # the end of a page
    row = items[middle - 1]
    token = keyset.token(row, dashboard.COMPILED_ORDER, middle, COMPILED_SALT)
    return {
        "page: compiled list, last page": (
            f"{url}?cuoi=1", bare_sql.compiled_last_page(ctx.campaign.pk, last_rows)),
        "page: compiled list, middle page (keyset)": (
            f"{url}?sau={token}", bare_sql.compiled_page_after(
                ctx.campaign.pk, row.form_order, bytes(row.sort_key), row.pk)),
    }


def _required_types(ctx: Context) -> list[str]:
    return sorted(set(units_required_to_register(ctx.campaign)
                      .values_list("unit_type", flat=True).distinct()))


REVIEW_PERIOD = "bench-tong-ket"


def review_scenarios(ctx: Context) -> list[Scenario]:
    """``reviews.selectors.statistics`` — every figure of a final review over the bench campaign,
    grouped by current unit and by former district — against one bare statement counting the
    main figures. The dataset is the case: one province (the default) or the national one."""
    import datetime

    from orgs.models import UnitType
    from reviews.models import ReviewKind, ReviewPeriod
    from reviews.selectors import statistics

    campaign = ctx.campaign
    period, created = ReviewPeriod.objects.get_or_create(
        code=REVIEW_PERIOD, defaults={"kind": ReviewKind.FINAL, "title": "Tổng kết (bench)",
                                      "starts_on": datetime.date(2022, 1, 1),
                                      "ends_on": datetime.date(2026, 12, 31)})
    if created:
        period.campaigns.set([campaign])
    provinces = Unit.objects.filter(unit_type=UnitType.PROVINCE, parent__isnull=True).count()
    case = "province" if provinces <= 1 else "national"
    bare = bare_sql.run(*bare_sql.review_figures(campaign.pk, campaign.registration_deadline,
                                                 _required_types(ctx), period.starts_on,
                                                 period.ends_on))
    found = []
    for grouping, label in (("current", ""), ("former", ", former districts")):
        def run(grouping: str = grouping):
            return statistics(period, grouping)

        found.append(Scenario(f"review: statistics ({case}{label})", run, bare, runs=5,
                              queries=count_queries(run)))
    stats, rows = statistics(period), bare()
    got = {"required": {}, "kind": {}, "field": {}}
    for what, key, n in rows:
        if what in got:
            got[what][key] = n
        else:
            got[what] = n
    ours = {"required": sum(got["required"].values()), "registered": got["registered"],
            "kind": got["kind"], "field": got["field"], "adoptions": got["adoptions"]}
    theirs = {"required": stats.value("units_required"),
              "registered": stats.value("units_registered"),
              "kind": stats.dim("exemplars", "kind"), "field": stats.dim("exemplars", "field"),
              "adoptions": stats.value("adoptions")}
    differ = [k for k in ours if ours[k] != theirs[k]]
    verdict = f"differ from statistics() in {', '.join(differ)}" if differ else "equal statistics()"
    found[0].notes.append(
        f"review: the bare SQL's main figures {verdict}"
        f" — {ours['required']:,} units required, {ours['registered']:,} sent, "
        f"{sum(ours['kind'].values()):,} exemplars of sent registrations, "
        f"{ours['adoptions']:,} adoptions; {len(stats.figures)} figures, "
        f"{len(stats.groups)} current groups")
    return found
