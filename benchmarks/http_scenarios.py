"""The pages and exports timed over HTTP against the production server (benchmarks.server),
each with its bare-SQL lower bound measured in the same run on the same database.

The bench user signs in for real: password (Argon2id, as production hashes it) and the code of
its TOTP device, through the login and second-factor forms.
"""

import secrets

from django.urls import reverse

from benchmarks import bare_sql
from benchmarks.http_client import HTTPError, Session
from benchmarks.scenarios import Context, Scenario, count_queries
from benchmarks.server import RunningServer

# Exports and the evaluation table at national scale take seconds to minutes: fewer runs.
HEAVY_RUNS = 3


def totp_code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def set_password(user, password: str) -> None:
    """Production's hash of ``password`` (whatever hasher the calling process is configured
    with: tests hash with a fast one the server would not accept)."""
    from accounts.hashers import DienhinhArgon2PasswordHasher

    hasher = DienhinhArgon2PasswordHasher()
    type(user).objects.filter(pk=user.pk).update(password=hasher.encode(password, hasher.salt()))


def fresh_device(user, name: str = "bench"):
    """A confirmed TOTP device whose last used step is forgotten, so that a new code is
    accepted at once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name=name,
                                                 defaults={"confirmed": True})
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0,
                                                   confirmed=True)
    device.refresh_from_db()
    return device


def signed_in(server: RunningServer, user) -> Session:
    password = secrets.token_urlsafe(16)
    set_password(user, password)
    device = fresh_device(user)
    session = server.session()
    session.login(user.username, password, totp_code(device))
    return session


def _page(session: Session, url: str):
    def get() -> None:
        answer = session.get(url)
        if answer.status != 200:
            raise HTTPError("GET", url, answer.status)

    return get


def _export(session: Session, url: str, notes: list[str], name: str):
    def download() -> None:
        answer, requests = session.download(url)
        if requests > 1 and not notes:
            notes.append(f"{name}: answered through a background job ({requests} requests, "
                         f"{len(answer.body) / 1024:,.0f} KiB file)")

    return download


def http_scenarios(ctx: Context, session: Session, heavy: bool = True) -> list[Scenario]:
    """The list pages (first and last page), the overview XLSX and, with ``heavy``, the
    compiled list XLSX, the campaign evaluation table and its XLSX."""

    campaign, code = ctx.campaign, ctx.campaign.code
    day, types = campaign.registration_deadline, _required_types(ctx)
    from registry import dashboard

    listed = dashboard.compiled_count(campaign)  # the compiled list's rows (sent registrations)
    last_offset = max(0, (listed - 1) // 100 * 100)
    dashboard_sql = bare_sql.dashboard(campaign.pk, day, types, "/")
    pages = {
        "page: unit list": (reverse("orgs:unit_list"), bare_sql.unit_page(day)),
        "page: overview": (reverse("registry:overview", args=[code]), dashboard_sql),
        "page: compiled list": (reverse("registry:compiled_list", args=[code]),
                                bare_sql.compiled_page(campaign.pk)),
        # The last page by keyset ("Trang cuối": the index walked backwards, core.keyset).
        "page: compiled list, last page": (
            reverse("registry:compiled_list", args=[code]) + "?cuoi=1",
            bare_sql.compiled_last_page(campaign.pk, listed - last_offset)),
    }
    found = []
    for name, (url, (sql, params)) in pages.items():
        found.append(Scenario(name, _page(session, url), bare_sql.run(sql, params),
                              queries=count_queries(_client_get(ctx, url)), over_http=True,
                              target="list"))
    overview_xlsx = reverse("registry:overview_xlsx", args=[code])
    exports = [("export: overview XLSX", overview_xlsx, dashboard_sql, "bare SQL", None)]
    if heavy:
        every_row = bare_sql.compiled_page(campaign.pk, limit=None)
        exports += [
            ("export: compiled list XLSX",
             reverse("registry:compiled_list_export", args=[code, "xlsx"]), every_row,
             "bare SQL (every row)", HEAVY_RUNS),
            ("export: campaign evaluation XLSX",
             reverse("evaluation:campaign_evaluation_xlsx", args=[code]), every_row,
             "bare SQL (every row)", HEAVY_RUNS),
        ]
        evaluation = reverse("evaluation:campaign_evaluation", args=[code])
        found.append(Scenario("page: campaign evaluation", _page(session, evaluation),
                              bare_sql.run(*bare_sql.compiled_page(campaign.pk)),
                              "bare SQL (one page)", runs=HEAVY_RUNS, warmup=0,
                              over_http=True, target="list"))
    for name, url, (sql, params), label, runs in exports:
        scenario = Scenario(name, lambda: None, bare_sql.run(sql, params), label, runs=runs,
                            warmup=1 if runs is None else 0, over_http=True)
        scenario.run = _export(session, url, scenario.notes, name)
        found.append(scenario)
    return found


def _client_get(ctx: Context, url: str):
    """The same page through Django's test client, only to count its queries."""
    def get() -> None:
        response = ctx.client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code} (test client)")
        response.content  # noqa: B018 — the whole body is rendered

    return get


def _required_types(ctx: Context) -> list[str]:
    from registry.selectors import units_required_to_register

    return sorted(set(units_required_to_register(ctx.campaign)
                      .values_list("unit_type", flat=True).distinct()))
