"""`make loadtest`: users of mixed roles signed in for real, reading pages against the production
server for a fixed time — bounded in users and duration, loopback only.

One thread per user (``http.client``, no dependency), closed loop without think time: each
user sends its next request when the previous answer has arrived, so the throughput is what
the server gives on this machine with the load generator sharing its cores. The users are
copies of the demo's accounts (same memberships, so the same pages and permissions), each with
its own password hash and TOTP device: every one signs in through the login and second-factor
forms, and none reuses another's code.
"""

import math
import os
import random
import secrets
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.http_client import Session
from benchmarks.http_scenarios import fresh_device, set_password, totp_code
from benchmarks.server import RunningServer
from benchmarks.timing import p95

MAX_USERS = 200
MAX_SECONDS = 900
USER_PREFIX = "loadtest-"
# The demo accounts the users copy, in turn: 2 in 10 standing office, 1 council member, the
# rest officers and heads of four units (portal/demo.py).
TEMPLATES = ["sonoivu", "syt.canbo", "binhlu.canbo", "hoidong", "sgd.thutruong",
             "doanket.canbo", "sonoivu2", "syt.thutruong", "binhlu.thutruong", "sgd.canbo"]
SEARCHES = ["Lò Thị", "nguyen van", "Giàng A", "mo hinh", "Tòng Thị Mai", "Sìn Hồ"]


@dataclass
class VirtualUser:
    username: str
    password: str
    role: str
    device: object = None  # TOTPDevice when the role needs a second factor
    urls: list[tuple[str, str]] = field(default_factory=list)  # (page kind, path)


@dataclass
class Result:
    users: int
    seconds: float
    server: str
    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)  # status (or exception name) → count
    login_ms: list[float] = field(default_factory=list)
    login_cpu_ms: float = 0.0  # the server's CPU per sign-in (login + second factor + landing)
    server_cpu_share: float = 0.0  # the server's CPU during the run, in cores
    client_cpu_share: float = 0.0  # the load generator's
    load: list[float] = field(default_factory=list)  # 1-minute load average: start, peak, end
    dropped: list[str] = field(default_factory=list)  # pages a role is not offered (403/404)
    failures: list[str] = field(default_factory=list)  # the first errors, in words

    @property
    def server_cpu_per_request(self) -> float:
        """The server's CPU per answered request, in ms: on a machine others share, steadier
        than the throughput (which depends on the share of the cores the server gets)."""
        return self.server_cpu_share * self.seconds * 1000 / self.requests if self.requests else 0

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """Nearest rank: the smallest latency at or above a fraction ``q`` of them."""
        values = sorted(self.latencies_ms)
        if not values:
            return 0.0
        return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))]

    def lines(self) -> list[str]:
        errors = sum(self.errors.values())
        text = [
            f"{self.users} users, {self.seconds:.0f} s, {self.server}",
            f"  throughput  {self.throughput:,.1f} req/s ({self.requests:,} requests)",
            f"  latency     p50 {self.percentile(0.50):,.0f} ms, p95 {self.percentile(0.95):,.0f} "
            f"ms, p99 {self.percentile(0.99):,.0f} ms",
            "  errors      " + (", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items()))
                                if errors else "none"),
            f"  sign-in     {len(self.login_ms)} users, median {_median(self.login_ms):,.0f} ms, "
            f"p95 {p95(self.login_ms) if self.login_ms else 0:,.0f} ms; server CPU "
            f"{self.login_cpu_ms:,.0f} ms per sign-in",
            f"  CPU         server {self.server_cpu_share:.2f} cores "
            f"({self.server_cpu_per_request:,.0f} ms per request), load generator "
            f"{self.client_cpu_share:.2f} cores (of {os.cpu_count()})",
            f"  load avg    (1 min) {self.load[0]:.1f} at the start, {self.load[1]:.1f} peak, "
            f"{self.load[2]:.1f} at the end" if len(self.load) == 3 else "  load avg    —",
        ]
        for page, values in sorted(self.by_page.items()):
            text.append(f"    {page:<14} {len(values):>6,} req  p50 {_median(values):>6,.0f} ms  "
                        f"p95 {p95(values):>6,.0f} ms")
        text += [f"  not offered: {item}" for item in self.dropped]
        text += [f"  error: {item}" for item in self.failures[:10]]
        return text


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def check_bounds(users: int, seconds: float) -> None:
    if not 1 <= users <= MAX_USERS:
        raise ValueError(f"users must be between 1 and {MAX_USERS}, not {users}")
    if not 1 <= seconds <= MAX_SECONDS:
        raise ValueError(f"the duration must be between 1 and {MAX_SECONDS} s, not {seconds}")


# --- the users and their pages (in the load test's database) -----------------------------------

def prepare_users(count: int, templates: list[str] | None = None, campaign=None,
                  seed: int = 2533) -> list[VirtualUser]:
    """``count`` copies of the accounts named in ``templates`` (the demo's by default), in turn;
    created once and reused by later runs, each given a new password. Their pages: home, the
    overview (roles that see it), registrations and exemplars' evaluation pages of their own
    unit (any, for province-wide roles) in ``campaign`` (the open one), and two searches."""
    from django.urls import reverse

    from accounts import mfa
    from accounts.models import Membership, User
    from guidance.selectors import open_campaign
    from registry.models import Exemplar, Registration

    names = templates or TEMPLATES
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    present = [name for name in names if name in found]
    if not present:
        raise RuntimeError("the database holds no demo accounts: run `make setup` first")
    campaign = campaign or open_campaign()
    if campaign is None:
        raise RuntimeError("the database has no open campaign: run `make setup` first")
    rng = random.Random(seed)
    registrations = list(Registration.objects.filter(campaign=campaign)
                         .values_list("pk", "unit_id"))
    exemplars = list(Exemplar.objects.filter(registration__campaign=campaign)
                     .values_list("pk", "registration__unit_id"))
    users = []
    for number in range(count):
        template = found[present[number % len(present)]]
        username = f"{USER_PREFIX}{number + 1:03d}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": template.full_name,
                                         "position_title": template.position_title})
        if created:
            Membership.objects.bulk_create(
                Membership(user=user, unit_id=m.unit_id, role=m.role)
                for m in Membership.objects.filter(user=template))
        password = secrets.token_urlsafe(12)
        set_password(user, password)
        device = fresh_device(user, "loadtest") if mfa.required_for(user) else None
        units = set(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
        dashboard = user.has_perm("registry.view_dashboard")
        own_regs = [pk for pk, unit in registrations if unit in units]
        own_exemplars = [pk for pk, unit in exemplars if unit in units]
        regs = own_regs or ([pk for pk, _ in registrations] if dashboard else [])
        exs = own_exemplars or ([pk for pk, _ in exemplars] if dashboard else [])
        urls = [("home", reverse("home"))]
        if dashboard:
            urls.append(("overview", reverse("registry:overview", args=[campaign.code])))
        urls += [("registration", reverse("registry:registration_detail", args=[pk]))
                 for pk in rng.sample(regs, min(3, len(regs)))]
        urls += [("search", reverse("search:results") + "?q=" + _quote(q))
                 for q in rng.sample(SEARCHES, 2)]
        urls += [("evaluation", reverse("evaluation:exemplar_evaluation", args=[pk]))
                 for pk in rng.sample(exs, min(3, len(exs)))]
        users.append(VirtualUser(username, password, _role_of(user), device, urls))
    return users


def _quote(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


def _role_of(user) -> str:
    from accounts.models import Membership

    roles = sorted(set(Membership.objects.filter(user=user).values_list("role", flat=True)))
    return ",".join(roles) or "none"


def forget_codes(users: list[VirtualUser]) -> None:
    """A new run may sign the same users in within the same 30-second step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    ids = [u.device.pk for u in users if u.device is not None]
    TOTPDevice.objects.filter(pk__in=ids).update(last_t=-1)


# --- measuring the server's CPU ------------------------------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far, with that of their children that exited
    and were reaped (gunicorn restarts a worker after ``max_requests``: its CPU moves to the
    master's ``cutime``/``cstime``)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime (fields 14–17 of proc(5))
        total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return total / ticks


# --- the run -------------------------------------------------------------------------------------

def _sign_in_all(server: RunningServer, users: list[VirtualUser], result: Result,
                 lock: threading.Lock) -> list[Session | None]:
    sessions: list[Session | None] = [None] * len(users)

    def sign_in(index: int, user: VirtualUser) -> None:
        session = server.session()
        started = time.perf_counter()
        try:
            session.login(user.username, user.password,
                          totp_code(user.device) if user.device is not None else None)
        except (OSError, RuntimeError) as failed:
            with lock:
                result.errors[f"sign-in: {getattr(failed, 'status', type(failed).__name__)}"] += 1
                result.failures.append(f"sign-in of {user.username}: {failed}")
            return
        with lock:
            result.login_ms.append((time.perf_counter() - started) * 1000)
        sessions[index] = session

    before = cpu_seconds(server.web_pids())
    threads = [threading.Thread(target=sign_in, args=(i, u)) for i, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    signed = sum(1 for s in sessions if s is not None)
    if signed:
        result.login_cpu_ms = (cpu_seconds(server.web_pids()) - before) * 1000 / signed
    return sessions


def _offered(session: Session, user: VirtualUser, result: Result) -> list[tuple[str, str]]:
    """Each page once (warm-up); a page the role may not open (403/404) is left out of the
    user's mix and named in the result; any other status counts as an error later."""
    kept = []
    for kind, path in user.urls:
        status = session.get(path).status
        if status in (403, 404):
            result.dropped.append(f"{kind} {path} ({status} for {user.role})")
        else:
            kept.append((kind, path))
    return kept


def run(server: RunningServer, users: list[VirtualUser], seconds: float,
        log: Callable[[str], None] = lambda _line: None) -> Result:
    check_bounds(len(users), seconds)
    result = Result(len(users), seconds, server.describe())
    lock = threading.Lock()
    forget_codes(users)
    log(f"  signing in {len(users)} users …")
    sessions = _sign_in_all(server, users, result, lock)
    mixes = [(_offered(s, u, result) if s is not None else []) for s, u in zip(sessions, users,
                                                                               strict=True)]
    result.dropped = sorted(set(result.dropped))
    log(f"  {sum(1 for s in sessions if s)} signed in; reading for {seconds:.0f} s …")
    stop = threading.Event()
    start_barrier = threading.Barrier(len(users) + 1)

    def user_of(index: int) -> str:
        return users[index].username

    def read(index: int) -> None:
        session, mix = sessions[index], mixes[index]
        rng = random.Random(index)
        start_barrier.wait()
        if session is None or not mix:
            return
        while not stop.is_set():
            kind, path = rng.choice(mix)
            started = time.perf_counter()
            try:
                status = session.get(path).status
            except OSError as failed:
                status = type(failed).__name__
            elapsed = (time.perf_counter() - started) * 1000
            if stop.is_set():
                return  # answered after the end: not counted
            with lock:
                result.requests += 1
                result.latencies_ms.append(elapsed)
                result.by_page.setdefault(kind, []).append(elapsed)
                if status not in (200, 302):
                    result.errors[str(status)] += 1
                    if len(result.failures) < 10:
                        result.failures.append(f"GET {path} ({user_of(index)}): {status}")

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(len(users))]
    for thread in threads:
        thread.start()
    load = [os.getloadavg()[0]]
    peak = load[0]
    cpu_before, client_before = cpu_seconds(server.web_pids()), _own_cpu()
    start_barrier.wait()
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        time.sleep(min(1.0, seconds - elapsed))
        peak = max(peak, os.getloadavg()[0])
    stop.set()
    wall = time.perf_counter() - started
    result.server_cpu_share = (cpu_seconds(server.web_pids()) - cpu_before) / wall
    result.client_cpu_share = (_own_cpu() - client_before) / wall
    result.seconds = wall
    for thread in threads:
        thread.join(timeout=server.session().timeout)
    end = os.getloadavg()[0]
    result.load = [load[0], max(peak, end), end]
    return result


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system
