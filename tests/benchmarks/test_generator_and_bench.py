"""The dataset generator is deterministic and exact; `bench --quick` runs end to end."""

import io

import pytest
from django.core.management import call_command

from benchmarks import generator as gen
from benchmarks.sizes import DatasetSize
from guidance.loading import ensure_reference_campaign
from orgs.models import Unit, UnitType
from registry.enums import ExemplarKind, RegistrationState
from registry.models import Exemplar, Registration

SIZE = DatasetSize(provinces=2, units=50, exemplars=300, seed=7)


class CollectingWriter:
    """Keeps the rows instead of writing them."""

    def __init__(self) -> None:
        self.rows_written = 0
        self.tables: dict[str, list[tuple]] = {}

    def write(self, model, rows) -> None:
        batch = list(rows)
        self.tables.setdefault(model.__name__, []).extend(batch)
        self.rows_written += len(batch)

    def finish(self, model_list) -> None:
        pass


def _collect(size: DatasetSize, campaign) -> dict[str, list[tuple]]:
    writer = CollectingWriter()
    gen.Generator(size, campaign, writer).run()
    return writer.tables


@pytest.mark.django_db
def test_generator_is_deterministic_for_a_seed():
    campaign = ensure_reference_campaign()
    first, second = _collect(SIZE, campaign), _collect(SIZE, campaign)
    assert first == second
    other = _collect(DatasetSize(provinces=2, units=50, exemplars=300, seed=8), campaign)
    assert other["Exemplar"] != first["Exemplar"]


@pytest.mark.django_db
def test_generator_creates_the_requested_counts():
    campaign = ensure_reference_campaign()
    result = gen.generate(SIZE, campaign)
    generated = Unit.objects.filter(code__startswith="G")
    assert generated.count() == 50
    assert generated.filter(unit_type=UnitType.PROVINCE).count() == 2
    assert generated.filter(unit_type=UnitType.COMMUNE).exists()
    assert Exemplar.objects.filter(registration__campaign=campaign).count() == 300
    assert result.counts["exemplars"] == 300
    assert result.counts["stored_verdicts"] == 300  # the campaign table reads them
    states = set(Registration.objects.values_list("state", flat=True))
    assert states == set(RegistrationState.values)
    assert set(Exemplar.objects.values_list("kind", flat=True)) == set(ExemplarKind.values)
    assert not Exemplar.objects.filter(folded_name="").exists()
    assert not Exemplar.objects.filter(sort_key=b"").exists()
    assert gen.existing_manifest() == SIZE.as_manifest()
    with pytest.raises(ValueError):
        gen.generate(SIZE, campaign)


@pytest.mark.server
def test_bench_quick_prints_the_table(tmp_path, django_db_blocker):
    """Pages and exports over HTTP against gunicorn (signed in through the login and
    second-factor forms), each with peak memory; the import file has no row error and its
    apply is timed; the targets are printed."""
    out = io.StringIO()
    with django_db_blocker.unblock():
        call_command("bench", "--quick", f"--database-url=sqlite:///{tmp_path / 'b.sqlite3'}",
                     stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert "| scenario | runs | median ms | p95 ms |" in text
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines()
            if line.startswith("| ")}
    for name in ("page: unit list", "page: overview", "page: compiled list, last page",
                 "page: campaign evaluation", "export: compiled list XLSX",
                 "export: campaign evaluation XLSX"):
        assert name in rows, name  # no "**ERROR**" after the name: answered 200
        assert rows[name].rstrip(" |").split(" | ")[-1].split(" / ")[0].split()[0].replace(
            ",", "").isdigit()  # the web process's peak memory, in MB
    assert "pages and exports over HTTP: gunicorn" in text
    assert "import: apply 350 entries (rolled back)" in rows
    assert "has no row error" in text and "(refused)" not in text
    assert "Targets (" in text and "- no error status: met" in text


def test_a_partial_run_keeps_the_other_rows_of_its_section(tmp_path):
    import datetime

    from benchmarks import report
    from benchmarks.runner import Report, Row
    from benchmarks.sizes import TINY
    from benchmarks.timing import Sample

    def run(only, names, minute, note):
        result = Report("tiny", TINY, TINY, database="SQLite 3", only=only, notes=[note],
                        started=datetime.datetime(2026, 1, 1, 0, minute, tzinfo=datetime.UTC))
        result.rows = [Row(n, Sample(3, 1.0 + minute, 2.0), None, "bare SQL") for n in names]
        return result

    doc = tmp_path / "benchmarks.md"
    report.write_doc(doc, run((), ["search: typo", "page: unit list", "evaluate: 9"], 1,
                              "evaluate: queries per batch -- 15"))
    report.write_doc(doc, run(("search", "page"), ["search: typo", "page: unit list"], 2,
                              "search: index rebuilt"))
    text = doc.read_text()
    assert text.count("<!-- bench:sqlite-tiny -->") == 1
    assert "| search: typo | 3 | 3.0 |" in text
    assert "| evaluate: 9 | 3 | 2.0 |" in text  # kept from the first run
    assert "evaluate: queries per batch -- 15 (run of 2026-01-01 00:01 UTC)" in text
    assert "measured in an earlier partial run (2026-01-01 00:01 UTC): evaluate: 9" in text
    assert text.index("search: typo") < text.index("evaluate: 9")
    report.write_doc(doc, run((), ["search: typo"], 3, "x: full"))  # a full run keeps nothing
    assert "evaluate: 9" not in doc.read_text()
