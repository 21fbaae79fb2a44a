"""The results table, the machine's description, and docs/benchmarks.md."""

import json
import os
import platform
import re
from dataclasses import asdict
from pathlib import Path

from benchmarks.memory import Peaks
from benchmarks.runner import Report, Row
from benchmarks.timing import Sample

HEADER = ("scenario", "runs", "median ms", "p95 ms", "lower bound", "bound median ms",
          "bound p95 ms", "ratio", "queries (small → this size)",
          "peak RSS MB: web process (all web) / worker")
# The targets of issue 16, over HTTP against the production server.
LIST_MAX_RATIO, LIST_MAX_MS, PROCESS_MAX_MB = 2.0, 150.0, 300.0
INTRO = """# Benchmarks

`make bench` (`python manage.py bench`) generates — or reuses — a dataset and times every
scenario in one run: search (with diacritics, without, with a typo, OCR-garbled), the standing
office's dashboard for one province, the list pages and exports over HTTP against the production
server (gunicorn, DEBUG=0, with the peak memory of its processes), the registration XLSX import
and its apply, and the criteria engine over a batch of exemplars. For each it
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
`BENCH_SCALE=tenth|national` with `DATABASE_URL=postgres://…` runs larger sizes on PostgreSQL
(national: about 15 minutes, 8 of them rebuilding the search index, which `BENCH_REUSE_INDEX=1`
skips when the index is current);
`bench --quick` is the smoke test (tiny data, 3 runs). `generate_dataset` alone fills a database
(COPY on PostgreSQL). Sections below are rewritten by each run for its database engine and
scale; the notes under each table are the run's own. A partial run (`bench --only search,page`)
replaces only its own rows and keeps the section's other rows, which say when they were measured.
"""
ORDER = ("search", "dashboard", "page", "export", "import", "evaluate")


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def _cells(row: Row) -> tuple[str, ...]:
    bare = row.bare
    queries = "" if row.queries is None else f"{row.queries_small} → {row.queries}"
    ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
    name = row.name + (" **ERROR**" if row.error else "")
    return (name, str(row.sample.runs), _ms(row.sample.median_ms), _ms(row.sample.p95_ms),
            row.bare_label if bare else "—", _ms(bare.median_ms if bare else None),
            _ms(bare.p95_ms if bare else None), ratio, queries, _memory(row))


def _memory(row: Row) -> str:
    peaks = row.peaks
    if peaks is None:
        return ""
    web, worker = peaks.process_mb.get("web"), peaks.process_mb.get("worker")
    text = f"{web:,.0f} ({peaks.total_mb.get('web', 0):,.0f})" if web is not None else "—"
    return text + (f" / {worker:,.0f}" if worker else " / —")


def targets(report: Report) -> list[str]:
    """Which of the HTTP targets this run met: list pages ≤ 2× their bare SQL and ≤ 150 ms
    median, every process ≤ 300 MB, no error status."""
    measured = [row for row in report.rows if row.peaks is not None]
    if not measured:
        return []
    lines = []
    for row in (r for r in measured if r.target == "list"):
        ratio_ok = row.ratio is not None and row.ratio <= LIST_MAX_RATIO
        time_ok = row.sample.median_ms <= LIST_MAX_MS
        ratio = "—" if row.ratio is None else f"{row.ratio:.1f}×"
        lines.append(f"- {row.name}: {row.sample.median_ms:,.0f} ms, {ratio} its bare SQL — "
                     + ("met" if ratio_ok and time_ok and not row.error else "**NOT met**"))
    worst = max(measured, key=lambda r: r.peaks.worst())
    memory_ok = worst.peaks.worst() <= PROCESS_MAX_MB
    lines.append(f"- every process ≤ {PROCESS_MAX_MB:.0f} MB: largest {worst.peaks.worst():,.0f} "
                 f"MB (during {worst.name}) — " + ("met" if memory_ok else "**NOT met**"))
    failed = [row.name for row in measured if row.error]
    lines.append("- no error status: " + ("met" if not failed else
                                         "**NOT met** (" + ", ".join(failed) + ")"))
    return [f"Targets (list pages ≤ {LIST_MAX_RATIO:.0f}× bare SQL and ≤ {LIST_MAX_MS:.0f} ms "
            "median; every process ≤ 300 MB; no error):", *lines]


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
        *([f"- pages and exports over HTTP: {report.server}, DEBUG=0, loopback"]
          if report.server else []),
        f"- whole run: {report.seconds:.0f} s"
        + (f"; load average (1 min) {report.load[0]:.1f} at the start, {report.load[-1]:.1f} at "
           "the end" if report.load else ""),
    ]


def render(report: Report) -> str:
    lines = [table(report), "", *machine(report)]
    met = targets(report)
    if met:
        lines += ["", *met]
    if report.notes:
        lines += ["", "Notes:", *[f"- {note}" for note in report.notes]]
    return "\n".join(lines)


# --- partial runs: the section keeps its rows as JSON, so a later partial run can merge ---

DATA = re.compile(r"<!-- bench-data (.*?) -->", re.DOTALL)


def _prefix(text: str) -> str:
    return text.split(":", 1)[0].strip()


def _row_data(row: Row, when: str) -> dict:
    return {"name": row.name, "sample": asdict(row.sample),
            "bare": asdict(row.bare) if row.bare else None, "bare_label": row.bare_label,
            "queries": row.queries, "queries_small": row.queries_small, "when": when,
            "peaks": asdict(row.peaks) if row.peaks else None, "error": row.error,
            "target": row.target}


def _row_from(data: dict) -> Row:
    return Row(data["name"], Sample(**data["sample"]),
               Sample(**data["bare"]) if data["bare"] else None, data["bare_label"],
               data["queries"], data["queries_small"],
               Peaks(**data["peaks"]) if data.get("peaks") else None, data.get("error", ""),
               data.get("target", ""))


def _earlier(section: str) -> dict:
    found = DATA.search(section)
    if not found:
        return {}
    try:
        return json.loads(found.group(1))
    except ValueError:
        return {}


def merge_earlier(report: Report, section: str) -> dict:
    """A partial run keeps the section's rows (and their notes) of scenarios it did not run.
    Returns the data to store in the section."""
    when = f"{report.started:%Y-%m-%d %H:%M} UTC"
    rows = [_row_data(row, when) for row in report.rows]
    notes = [{"text": note, "when": when} for note in report.notes]
    earlier = _earlier(section) if report.only else {}
    ran = {_prefix(row.name) for row in report.rows} | set(report.only)
    kept = [r for r in earlier.get("rows", []) if _prefix(r["name"]) not in ran]
    kept_prefixes = {_prefix(r["name"]) for r in kept}
    kept_notes = [n for n in earlier.get("notes", []) if _prefix(n["text"]) in kept_prefixes]
    if kept:
        report.rows += [_row_from(r) for r in kept]
        report.rows.sort(key=lambda r: ORDER.index(_prefix(r.name))
                         if _prefix(r.name) in ORDER else len(ORDER))
        runs: dict[str, list[str]] = {}
        for r in kept:
            runs.setdefault(r["when"], []).append(r["name"])
        report.notes += [n["text"] + f" (run of {n['when']})" for n in kept_notes]
        report.notes += [f"measured in an earlier partial run ({day}): {', '.join(names)}"
                         for day, names in sorted(runs.items())]
        report.notes.append(f"this run ({when}, {report.seconds:.0f} s) measured: "
                            f"{', '.join(report.only)}")
    elif report.only:
        report.notes.append(f"partial run: only the scenarios {', '.join(report.only)}")
    return {"rows": rows + kept, "notes": notes + kept_notes}


def section_key(report: Report) -> str:
    engine = report.database.split(" ")[0].lower() or "db"
    return f"{engine}-{report.scale}"


def write_doc(path: Path, report: Report) -> None:
    """Replace (or append) this engine and scale's section; keep the intro and the others."""
    text = path.read_text() if path.exists() else INTRO
    key = section_key(report)
    begin, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    found = pattern.search(text)
    data = merge_earlier(report, found.group(0) if found else "")
    stored = json.dumps(data, ensure_ascii=False).replace("--", "\\u002d\\u002d")
    body = (f"{begin}\n## {report.database}, scale `{report.scale}`\n\n{render(report)}\n"
            f"<!-- bench-data {stored} -->\n{end}")
    if found:
        text = pattern.sub(lambda _: body, text)
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    path.write_text(text)
