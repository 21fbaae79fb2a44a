"""`make loadtest`: users of mixed roles against the production server; see docs/benchmarks.md.

Default: a copy of the SQLite demo (``make setup`` builds var/dienhinh.sqlite3; the copy is
deleted afterwards), 20 then 50 users, 180 s each. With DATABASE_URL=postgres://… (or
``--database-url``, LOADTEST_DATABASE_URL) it runs against that PostgreSQL database, which must
hold the demo: the load test adds its users (``loadtest-NNN``) and their sessions to it.
"""

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks import database, loadtest
from benchmarks.server import ServerOptions, production_server


def _users_from(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError as error:
        raise CommandError(f"--users: a comma-separated list of numbers, not {text!r}") from error


class Command(BaseCommand):
    help = "Kiểm thử tải (load test): người dùng đăng nhập thật, đọc các trang trong một thời gian."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", default=os.environ.get("LOADTEST_USERS", "20,50"),
                            help="users per run, comma-separated (LOADTEST_USERS; default 20,50)")
        parser.add_argument("--seconds", type=float,
                            default=float(os.environ.get("LOADTEST_SECONDS", "180")),
                            help="duration of each run (LOADTEST_SECONDS; default 180)")
        parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", ""),
                            help="a database holding the demo (default: a copy of the SQLite "
                                 "demo)")
        parser.add_argument("--workers", type=int, help="gunicorn workers (gunicorn.conf.py)")
        parser.add_argument("--worker-class", choices=["sync", "gthread"])
        parser.add_argument("--threads", type=int, help="threads per gthread worker")
        parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                            help="an environment variable for the server (CONN_MAX_AGE=60…)")
        parser.add_argument("--no-task-worker", action="store_true")

    def handle(self, *args, **options) -> None:
        counts = _users_from(options["users"])
        try:
            for count in counts:
                loadtest.check_bounds(count, options["seconds"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        extra = dict(item.split("=", 1) for item in options["env"] if "=" in item)
        server_options = ServerOptions(
            workers=options["workers"], worker_class=options["worker_class"],
            threads=options["threads"], task_worker=not options["no_task_worker"], env=extra)
        url, scratch = options["database_url"], None
        configured = os.environ.get("DATABASE_URL", "")
        if not url and configured.startswith(("postgres://", "postgresql://")):
            url = configured  # the configured PostgreSQL database, which holds the demo
        if not url:
            scratch = Path(tempfile.mkdtemp(prefix="dienhinh-loadtest-"))
            url = f"sqlite:///{_copy_of_demo(scratch / 'demo.sqlite3')}"
        try:
            with database.switched_database(url):
                self.stderr.write(f"preparing {max(counts)} users in {database.describe()} …")
                users = loadtest.prepare_users(max(counts))
                with production_server(url, server_options) as server:
                    self.stderr.write(f"{server.describe()} on 127.0.0.1:{server.port}")
                    for count in counts:
                        result = loadtest.run(server, users[:count], options["seconds"],
                                              lambda line: self.stderr.write(line))
                        self.stdout.write("\n".join([f"{database.describe()}:",
                                                     *result.lines(), ""]))
                        if result.errors:
                            self.stderr.write("server log (last lines):\n"
                                              + server.log_tail(lines=40))
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)


def _copy_of_demo(target: Path) -> Path:
    """A consistent copy of the configured SQLite demo database (SQLite's backup API: safe
    while someone else has it open)."""
    entry = settings.DATABASES["default"]
    if entry["ENGINE"] != "django.db.backends.sqlite3":
        raise CommandError("the default load test copies the SQLite demo; with PostgreSQL give "
                           "--database-url (LOADTEST_DATABASE_URL) of a database holding the demo")
    source = Path(entry["NAME"])
    if not source.exists():
        raise CommandError(f"{source} does not exist: run `make setup` first")
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target
