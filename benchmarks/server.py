"""The production server for the bench and the load test: gunicorn (``config.wsgi``, DEBUG=0)
on a free loopback port against a given database, plus the background task worker, each a
child process of ours that is stopped when the block ends.

The settings are those of docs/operations.md and the Makefile's ``run`` target: a generated
SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, plain HTTP (SECURE_SSL_REDIRECT=0, SECURE_COOKIES=0,
SECURE_HSTS_SECONDS=0); gunicorn reads ``gunicorn.conf.py`` (workers, class, threads from
the environment) like a deployment does; ``ServerOptions`` may override them.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.http_client import Session

BASE_DIR = Path(__file__).resolve().parent.parent
READY_PATH = "/tai-khoan/dang-nhap/"


@dataclass(frozen=True)
class ServerOptions:
    workers: int | None = None  # None: gunicorn.conf.py's (WEB_CONCURRENCY, default 3)
    worker_class: str | None = None  # "sync" (default) or "gthread"
    threads: int | None = None
    timeout: int | None = None
    task_worker: bool = True
    env: dict[str, str] = field(default_factory=dict)  # e.g. {"CONN_MAX_AGE": "60"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, secret_key: str, port: int,
                   extra: dict[str, str] | None = None) -> dict[str, str]:
    # TESTING passes through: under the test suite the server runs the test settings' static
    # files (no collectstatic) and cache; everything else is the production shape.
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY_FILE", "DJANGO_SETTINGS_MODULE"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "SECRET_KEY": secret_key,
        "DATABASE_URL": database_url, "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}", "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0", "SECURE_HSTS_SECONDS": "0", "PYTHONUNBUFFERED": "1",
    })
    env.update(extra or {})
    return env


def _static_sources() -> list[Path]:
    found = [BASE_DIR / "static", BASE_DIR / "requirements.txt"]
    found += [p for p in BASE_DIR.glob("*/static") if (p.parent / "apps.py").exists()]
    return found


def static_is_current(static_root: Path) -> bool:
    """The collected files (``staticfiles.json``) are newer than every project static file."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    for source in _static_sources():
        files = [source] if source.is_file() else source.rglob("*")
        if any(f.stat().st_mtime > collected for f in files if f.is_file()):
            return False
    return True


def collect_static(env: dict[str, str]) -> None:
    """DEBUG=0 serves the hashed names of ``collectstatic``'s manifest (make run does the same).
    Compressing every file takes minutes on these machines: skipped when the collected files
    are current, and under the test settings (which serve the sources)."""
    if env.get("TESTING", "").lower() in {"1", "true", "yes", "on"}:
        return
    root = Path(env.get("VAR_DIR", BASE_DIR / "var")) / "static"
    if static_is_current(root):
        return
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                   cwd=BASE_DIR, env=env, check=True)


@dataclass
class RunningServer:
    port: int
    secret_key: str
    web: subprocess.Popen
    worker: subprocess.Popen | None
    log_dir: Path
    options: ServerOptions

    def session(self) -> Session:
        return Session("127.0.0.1", self.port)

    def web_pids(self) -> list[int]:
        """The gunicorn master and its workers (read from /proc: workers are restarted)."""
        return [self.web.pid, *children_of(self.web.pid)]

    def worker_pids(self) -> list[int]:
        if self.worker is None or self.worker.poll() is not None:
            return []
        return [self.worker.pid, *children_of(self.worker.pid)]

    def describe(self) -> str:
        o = self.options
        env = {**os.environ, **o.env}
        # the configured count (the live children may be forking at this moment)
        workers = o.workers or int(env.get("WEB_CONCURRENCY", "3") or 3)
        kind = o.worker_class or env.get("GUNICORN_WORKER_CLASS", "sync")
        threads = o.threads or int(env.get("GUNICORN_THREADS", "1") or 1)
        text = f"gunicorn {workers} {kind} workers" + (f" × {threads} threads"
                                                      if kind == "gthread" else "")
        extra = ", ".join(f"{k}={v}" for k, v in sorted(o.env.items()))
        return text + (f" ({extra})" if extra else "") + (", task worker" if self.worker else "")

    def log_tail(self, name: str = "web", lines: int = 30) -> str:
        path = self.log_dir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": comm may hold spaces, so split after the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _gunicorn_command(port: int, options: ServerOptions) -> list[str]:
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
               "--config", str(BASE_DIR / "gunicorn.conf.py"), "--no-control-socket"]
    if options.workers:
        command += ["--workers", str(options.workers)]
    if options.worker_class:
        command += ["--worker-class", options.worker_class]
    if options.threads:
        command += ["--threads", str(options.threads)]
    if options.timeout:
        command += ["--timeout", str(options.timeout)]
    return command


def _wait_ready(server: RunningServer, seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.web.poll() is not None:
            raise RuntimeError("gunicorn stopped at start-up:\n" + server.log_tail())
        try:
            if server.session().get(READY_PATH).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s:\n" + server.log_tail())


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def production_server(database_url: str, options: ServerOptions | None = None,
                      collectstatic: bool = True) -> Iterator[RunningServer]:
    """Start gunicorn (and ``manage.py task_worker``) against ``database_url``; stop both when
    the block ends, whatever happens inside it."""
    options = options or ServerOptions()
    port, key = free_port(), secrets.token_urlsafe(50)
    env = production_env(database_url, key, port, options.env)
    if collectstatic:
        collect_static(env)
    log_dir = Path(tempfile.mkdtemp(prefix="dienhinh-server-"))
    web_log = open(log_dir / "web.log", "wb")  # both closed in the finally
    worker_log = open(log_dir / "worker.log", "wb")
    web = worker = None
    try:
        web = subprocess.Popen(_gunicorn_command(port, options), cwd=BASE_DIR, env=env,
                               stdout=web_log, stderr=subprocess.STDOUT)
        if options.task_worker:
            worker = subprocess.Popen([sys.executable, "manage.py", "task_worker", "--interval",
                                       "1"], cwd=BASE_DIR, env=env, stdout=worker_log,
                                      stderr=subprocess.STDOUT)
        server = RunningServer(port, key, web, worker, log_dir, options)
        _wait_ready(server)
        yield server
    finally:
        _stop(worker)
        _stop(web)
        web_log.close()
        worker_log.close()
