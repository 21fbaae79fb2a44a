"""``manage.py load_vote_rules``: create or refresh the council's vote rules from
``council/reference/vote_rules.yaml`` (idempotent). Run after ``load_award_catalogue``: a rule
whose catalogue code is missing is skipped with a warning."""

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError


class Command(BaseCommand):
    help = "Nạp hoặc làm mới quy tắc biểu quyết của Hội đồng Thi đua - Khen thưởng."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Tệp YAML quy tắc (mặc định: tệp kèm theo).")

    def handle(self, *args, file=None, **options):
        from council.services import load_vote_rules

        try:
            counts = load_vote_rules(path=file)
        except DomainError as error:
            raise CommandError(error.message) from error
        for warning in counts.pop("warnings"):
            self.stderr.write(warning)
        self.stdout.write("Quy tắc biểu quyết — " + ", ".join(
            f"{k}: {v}" for k, v in counts.items()))
