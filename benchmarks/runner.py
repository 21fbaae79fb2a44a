"""One bench run: make sure the dataset exists, time every scenario, compare query counts."""

import datetime
import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import Client, override_settings

from benchmarks import database, heavy, login, scenarios
from benchmarks.generator import existing_manifest, generate
from benchmarks.http_client import HTTPError
from benchmarks.memory import Peaks, PeakSampler
from benchmarks.scenarios import Context, Scenario
from benchmarks.sizes import DatasetSize
from benchmarks.timing import Sample, measure
from orgs.models import Unit

BENCH_USERNAME = "bench-standing-office"
CLIENT_SETTINGS = {"ALLOWED_HOSTS": ["*"], "SECURE_SSL_REDIRECT": False, "AXES_ENABLED": False}
# Pages render without a collectstatic manifest (the bench needs no built static files).
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@dataclass
class Row:
    name: str
    sample: Sample
    bare: Sample | None
    bare_label: str
    queries: int | None = None
    queries_small: int | None = None
    peaks: Peaks | None = None  # over HTTP: the server's and the worker's peak memory
    error: str = ""  # over HTTP: the error status that stopped the scenario
    target: str = ""  # "list": ≤ 2× its bare SQL and ≤ 150 ms median

    @property
    def ratio(self) -> float | None:
        if self.bare is None or self.bare.median_ms <= 0:
            return None
        return self.sample.median_ms / self.bare.median_ms


@dataclass
class Report:
    scale: str
    size: DatasetSize
    small_size: DatasetSize
    database: str = ""
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: datetime.datetime = field(default_factory=lambda: datetime.datetime.now(datetime.UTC))
    seconds: float = 0.0
    only: tuple[str, ...] = ()  # a partial run: the scenario prefixes it measured
    # The machine's 1-minute load average at the start and the end: other work skews timings.
    load: list[float] = field(default_factory=list)
    server: str = ""  # over HTTP: the production server's shape ("gunicorn 3 sync workers…")


@dataclass
class Plan:
    scale: str
    size: DatasetSize
    small_size: DatasetSize
    url: str | None
    small_url: str
    runs: int
    heavy: bool = True
    only: tuple[str, ...] = ()  # scenario name prefixes ("search", "page"…); empty: all
    http: bool = True  # pages and exports over HTTP against gunicorn (else the test client)
    server_options: object = None  # benchmarks.server.ServerOptions; None: gunicorn.conf.py

    def wants(self, name: str) -> bool:
        return not self.only or name.startswith(self.only)


def _ensure_dataset(size: DatasetSize, log: Callable[[str], None]) -> None:
    database.migrate()
    campaign = database.reference_campaign()
    manifest = existing_manifest()
    if manifest == size.as_manifest():
        log(f"reusing dataset: {size.describe()}")
        return
    if manifest is not None:
        raise RuntimeError(f"the bench database holds another dataset ({manifest}); "
                           "use a fresh database or the matching BENCH_SCALE")
    log(f"generating dataset: {size.describe()} …")
    result = generate(size, campaign)
    log(f"  generated in {result.seconds:.1f} s: {result.counts}")


def _ensure_search_index(log: Callable[[str], None]) -> str | None:
    """Make sure the search index is current; say how (a note for the report)."""
    if not apps.is_installed("search"):
        return None
    from benchmarks.bare_sql import ensure_trigram_baseline_index
    from registry.models import Exemplar
    from search.index import rebuild
    from search.models import SearchEntry
    from search.wording import load_abbreviations

    load_abbreviations()  # the shipped list, as load_reference_data loads it
    started = time.perf_counter()
    if ensure_trigram_baseline_index():
        log(f"  baseline trigram index created in {time.perf_counter() - started:.1f} s")
    # The index format can change with a migration while row counts stay equal: rebuild unless
    # told to reuse it (BENCH_REUSE_INDEX=1, for repeated national runs).
    same_rows = SearchEntry.objects.count() == Unit.objects.count() + Exemplar.objects.count()
    if same_rows and os.environ.get("BENCH_REUSE_INDEX") == "1":
        return "search: index reused (BENCH_REUSE_INDEX=1), not rebuilt in this run"
    started = time.perf_counter()
    stats = rebuild()
    seconds = time.perf_counter() - started
    log(f"  search index rebuilt in {seconds:.1f} s")
    return (f"search: index rebuilt in {seconds:,.0f} s ({stats.entries['unit']:,} units, "
            f"{stats.entries['exemplar']:,} exemplars, {stats.keys:,} keys, "
            f"{stats.terms:,} terms, {stats.text_terms:,} words only in free text)")


def _context() -> Context:
    from accounts.models import Membership, Role, User

    campaign = database.reference_campaign()
    province = Unit.objects.get(code="G01-00000")
    user, _ = User.objects.get_or_create(username=BENCH_USERNAME,
                                         defaults={"full_name": "Văn thư Sở Nội vụ"})
    Membership.objects.get_or_create(user=user, unit=province, role=Role.STANDING_OFFICE)
    client = Client()
    client.force_login(user)
    _second_factor(client, user)
    return Context(campaign, province, client, user)


def _second_factor(client: Client, user) -> None:
    """The standing office must have a second factor (accounts.mfa): the bench user gets a
    confirmed TOTP device in the bench database and its session is marked verified, as
    ``django_otp.login`` does after a real code — otherwise every page answers 302."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench",
                                                 defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _all_scenarios(ctx: Context, plan: Plan, session=None) -> tuple[list[Scenario], list[str]]:
    found: list[Scenario] = []
    notes: list[str] = []
    if plan.wants("search"):
        found, notes = scenarios.search_scenarios(ctx)
    if plan.wants("dashboard"):
        found.append(scenarios.dashboard_scenario(ctx))
    if plan.http and (plan.wants("page") or plan.wants("export")):
        from benchmarks.http_scenarios import http_scenarios

        found += [s for s in http_scenarios(ctx, session, heavy=plan.heavy) if plan.wants(
            s.name.split(":", 1)[0])]
    elif plan.wants("page"):
        found += scenarios.page_scenarios(ctx)
    if plan.wants("review"):
        found += scenarios.review_scenarios(ctx)
    if plan.wants("login"):
        found.append(login.login_scenario())
    builders = {"import": heavy.import_scenarios, "evaluate": heavy.evaluation_scenario}
    for prefix, build in builders.items():
        if plan.heavy and plan.wants(prefix):
            more, more_notes = build(ctx)
            found += more
            notes += more_notes
    return found, notes


def _page_query_counts(plan: Plan, log: Callable[[str], None]) -> dict[str, int]:
    with database.switched_database(plan.small_url):
        _ensure_dataset(plan.small_size, log)
        ctx = _context()
        found = []
        if plan.wants("page") and plan.http:
            from benchmarks.http_scenarios import http_scenarios

            found = http_scenarios(ctx, None, heavy=False)
        elif plan.wants("page"):
            found = scenarios.page_scenarios(ctx)
        found += scenarios.review_scenarios(ctx) if plan.wants("review") else []
        return {s.name: s.queries() for s in found if s.queries}


def run(plan: Plan, log: Callable[[str], None]) -> Report:
    report = Report(plan.scale, plan.size, plan.small_size, only=plan.only)
    index_note = None
    report.load.append(os.getloadavg()[0])
    started = time.perf_counter()
    storages = {**settings.STORAGES, "staticfiles": PLAIN_STATIC}
    with override_settings(**CLIENT_SETTINGS, STORAGES=storages):
        with database.switched_database(plan.url):
            _ensure_dataset(plan.size, log)
            if plan.wants("search"):
                index_note = _ensure_search_index(log)
            report.database = database.describe()
            ctx = _context()
            with ExitStack() as stack:
                session = server = None
                if plan.http and (plan.wants("page") or plan.wants("export")):
                    server, session = _start_server(stack, plan, ctx, log)
                    report.server = server.describe()
                found, report.notes = _all_scenarios(ctx, plan, session)
                if index_note:
                    report.notes.insert(0, index_note)
                for scenario in found:
                    log(f"  {scenario.name} …")
                    report.rows.append(_measured(scenario, plan, server))
                    report.notes += scenario.notes
        small_counts = (_page_query_counts(plan, log)
                        if plan.wants("page") or plan.wants("review") else {})
    for row in report.rows:
        row.queries_small = small_counts.get(row.name)
        if row.queries is not None and row.queries != row.queries_small:
            report.notes.append(f"{row.name}: query count depends on data size "
                                f"({row.queries_small} → {row.queries})")
    report.seconds = time.perf_counter() - started
    report.load.append(os.getloadavg()[0])
    return report


def _server_url(plan: Plan) -> str:
    if plan.url:
        return plan.url
    configured = os.environ.get("DATABASE_URL", "")
    if not configured:
        raise RuntimeError("the bench over HTTP needs the bench database's URL")
    return configured


def _start_server(stack: ExitStack, plan: Plan, ctx: Context, log: Callable[[str], None]):
    from benchmarks.http_scenarios import signed_in
    from benchmarks.server import production_server

    started = time.perf_counter()
    server = stack.enter_context(production_server(_server_url(plan), plan.server_options))
    session = signed_in(server, ctx.user)
    ctx.user.refresh_from_db()  # its password changed: the test client signs in again
    ctx.client.force_login(ctx.user)
    _second_factor(ctx.client, ctx.user)
    log(f"  {server.describe()} on 127.0.0.1:{server.port}, signed in "
        f"({time.perf_counter() - started:.1f} s)")
    return server, session


def _measured(scenario: Scenario, plan: Plan, server) -> Row:
    runs = scenario.runs if scenario.fixed_runs and scenario.runs else min(
        plan.runs, scenario.runs or plan.runs)
    bare = measure(scenario.bare, max(runs, plan.runs)) if scenario.bare else None
    queries = scenario.queries() if scenario.queries else None
    if not (scenario.over_http and server is not None):
        return Row(scenario.name, measure(scenario.run, runs, scenario.warmup), bare,
                   scenario.bare_label, queries)
    groups = {"web": server.web_pids, "worker": server.worker_pids}
    error = ""
    with PeakSampler(groups) as sampler:
        started = time.perf_counter()
        try:
            sample = measure(scenario.run, runs, scenario.warmup)
        except (HTTPError, OSError, RuntimeError) as failed:  # one error stops the repeats
            error = str(failed)
            spent = (time.perf_counter() - started) * 1000  # until the error, warm-up included
            sample = Sample(1, spent, spent)
    if error:
        scenario.notes.append(f"{scenario.name}: ERROR — {error}")
    return Row(scenario.name, sample, bare, scenario.bare_label, queries,
               peaks=sampler.peaks(), error=error, target=scenario.target)


def default_directory() -> Path:
    return Path(settings.BASE_DIR) / "var"
