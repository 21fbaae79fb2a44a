"""`make bench`: time every scenario against a generated dataset; see docs/benchmarks.md."""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks import database, report, runner
from benchmarks.sizes import SCALES, TINY, DatasetSize, scale_from_env

QUICK_SMALL = DatasetSize(provinces=1, units=20, exemplars=40)


class Command(BaseCommand):
    help = "Đo hiệu năng các màn hình chính (time the main scenarios, write docs/benchmarks.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES),
                            help="dataset size (default: BENCH_SCALE or province)")
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--quick", action="store_true",
                            help="tiny data, 3 runs, no doc written: a smoke test")
        parser.add_argument("--database-url", default="",
                            help="bench database (default: DATABASE_URL if PostgreSQL, else "
                                 "var/bench-<scale>.sqlite3)")
        parser.add_argument("--only", default="",
                            help="comma-separated scenario prefixes: search, dashboard, page, "
                                 "export, import, evaluate, login, review (default: all)")
        parser.add_argument("--in-process", action="store_true",
                            help="pages through Django's test client instead of over HTTP "
                                 "against gunicorn (DEBUG as configured)")
        parser.add_argument("--output", default="",
                            help="results file (default docs/benchmarks.md; none with --quick)")

    def handle(self, *args, **options) -> None:
        try:
            scale, size = (options["scale"], SCALES[options["scale"]]) if options["scale"] \
                else scale_from_env()
        except ValueError as error:
            raise CommandError(str(error)) from error
        quick = options["quick"]
        if quick:
            scale, size = "tiny", TINY
        url = options["database_url"] or self._default_url(scale)
        directory = Path(tempfile.mkdtemp()) if quick else runner.default_directory()
        plan = runner.Plan(
            scale=scale, size=size, small_size=QUICK_SMALL if quick else TINY, url=url,
            small_url=database.small_url_for(url, directory),
            runs=3 if quick else max(1, options["runs"]),
            only=tuple(p.strip() for p in options["only"].split(",") if p.strip()),
            http=not options["in_process"],
        )
        result = runner.run(plan, lambda line: self.stderr.write(line))
        self.stdout.write(report.render(result))
        output = options["output"] or ("" if quick else str(Path(settings.BASE_DIR) / "docs"
                                                             / "benchmarks.md"))
        if output:
            report.write_doc(Path(output), result)
            self.stderr.write(f"written to {output}")

    def _default_url(self, scale: str) -> str | None:
        configured = os.environ.get("DATABASE_URL", "")
        if configured.startswith(("postgres://", "postgresql://")):
            return None  # the configured PostgreSQL database is the bench database
        if scale in ("national", "tenth"):
            raise CommandError(f"BENCH_SCALE={scale} needs DATABASE_URL=postgres://…")
        return f"sqlite:///{runner.default_directory() / f'bench-{scale}.sqlite3'}"
