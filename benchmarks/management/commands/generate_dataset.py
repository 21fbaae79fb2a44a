"""Generate a national-scale benchmark dataset (units, registrations, exemplars) — see
docs/benchmarks.md. Bulk inserts: COPY on PostgreSQL, executemany on SQLite."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks import database
from benchmarks.generator import generate
from benchmarks.sizes import PROVINCE, DatasetSize


class Command(BaseCommand):
    help = "Sinh bộ dữ liệu lớn để đo hiệu năng (generate a benchmark dataset)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--provinces", type=int, default=PROVINCE.provinces)
        parser.add_argument("--units", type=int, default=PROVINCE.units)
        parser.add_argument("--exemplars", type=int, default=PROVINCE.exemplars)
        parser.add_argument("--years", type=int, default=5, help="years of evidence")
        parser.add_argument("--seed", type=int, default=PROVINCE.seed)
        parser.add_argument("--database-url", default="",
                            help="write into this database (created and migrated) instead of "
                                 "the configured one")

    def handle(self, *args, **options) -> None:
        size = DatasetSize(provinces=options["provinces"], units=options["units"],
                           exemplars=options["exemplars"], years=options["years"],
                           seed=options["seed"])
        if size.provinces < 1 or size.units < 20 * size.provinces or size.exemplars < 0:
            raise CommandError("need ≥ 1 province, ≥ 20 units per province, ≥ 0 exemplars")
        with database.switched_database(options["database_url"] or None):
            database.migrate()
            try:
                result = generate(size, database.reference_campaign())
            except ValueError as error:
                raise CommandError(str(error)) from error
        counts = ", ".join(f"{name}: {n:,}" for name, n in result.counts.items())
        self.stdout.write(f"{size.describe()}\n{counts}\n{result.seconds:.1f} s")
        for note in result.notes:
            self.stdout.write(note)
