"""The results table, the machine's description, and docs/benchmarks.md."""

import os
import platform
import re
from pathlib import Path

from benchmarks.runner import Report, Row

HEADER = ("scenario", "runs", "median ms", "p95 ms", "lower bound", "bound median ms",
          "bound p95 ms", "ratio", "queries (small → this size)")
INTRO = """# Benchmarks

`make bench` (`python manage.py bench`) generates — or reuses — a dataset and times every
scenario in one run: search (with diacritics, without, with a typo, OCR-garbled), the standing
office's dashboard for one province, the main list pages rendered through Django's test client,
the registration XLSX import and the criteria engine over a batch of exemplars. For each it
prints the median and 95th percentile and, measured in the same run on the same data, the lower
bound — the single raw SQL query that produces the same result (for the import, a bare
`python_calamine` read of the same file) — and the ratio of the medians.

**Targets**, at national scale (34 provinces, 100,000 units, 1,000,000 exemplars, about
5,000,000 evidence rows) on the project's 2-core machines with PostgreSQL:

* search: p95 ≤ 50 ms and ≤ 1.5× the bare trigram query;
* one province's dashboard: ≤ 150 ms;
* every list page: the same number of queries at every data size (the table shows the count on
  a tiny dataset and on the measured one).

Default size: one province (1,000 units, 20,000 exemplars) on SQLite, a few minutes.
`BENCH_SCALE=tenth|national` with `DATABASE_URL=postgres://…` runs larger sizes on PostgreSQL;
`bench --quick` is the smoke test (tiny data, 3 runs). `generate_dataset` alone fills a database
(COPY on PostgreSQL). Sections below are rewritten by each run for its database engine; the
notes under each table are the run's own.
"""


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def _cells(row: Row) -> tuple[str, ...]:
    bare = row.bare
    queries = "" if row.queries is None else f"{row.queries_small} → {row.queries}"
    ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
    return (row.name, str(row.sample.runs), _ms(row.sample.median_ms), _ms(row.sample.p95_ms),
            row.bare_label if bare else "—", _ms(bare.median_ms if bare else None),
            _ms(bare.p95_ms if bare else None), ratio, queries)


def table(report: Report) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in report.rows]
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else "unknown"


def _memory_gib() -> str:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return "unknown"
    found = re.search(r"^MemTotal:\s*(\d+) kB", text, re.MULTILINE)
    return f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else "unknown"


def machine(report: Report) -> list[str]:
    return [
        f"- date: {report.started:%Y-%m-%d %H:%M} UTC",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} cores; RAM {_memory_gib()}",
        f"- Python {platform.python_version()}, {report.database}",
        f"- dataset ({report.scale}): {report.size.describe()}; query counts compared with "
        f"{report.small_size.describe()}",
        f"- whole run: {report.seconds:.0f} s",
    ]


def render(report: Report) -> str:
    lines = [table(report), "", *machine(report)]
    if report.notes:
        lines += ["", "Notes:", *[f"- {note}" for note in report.notes]]
    return "\n".join(lines)


def section_key(report: Report) -> str:
    engine = report.database.split(" ")[0].lower() or "db"
    return f"{engine}-{report.scale}"


def write_doc(path: Path, report: Report) -> None:
    """Replace (or append) this engine and scale's section; keep the intro and the others."""
    text = path.read_text() if path.exists() else INTRO
    key = section_key(report)
    begin, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    body = f"{begin}\n## {report.database}, scale `{report.scale}`\n\n{render(report)}\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: body, text)
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text)
