from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Nạp hoặc làm mới hai danh mục: danh hiệu thi đua và hình thức khen thưởng "
            "(awards/reference/catalogue.yaml).")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None,
                            help="Tệp YAML khác tệp có sẵn (tùy chọn).")

    def handle(self, *args, path=None, **options):
        from accounts.system import system_actor
        from awards import services
        from core.errors import DomainError

        try:
            counts = services.load_catalogue(path or services.CATALOGUE_PATH,
                                             acting_user=system_actor())
        except DomainError as error:
            raise CommandError(error.message) from error
        labels = {"created": "thêm mới", "updated": "cập nhật", "unchanged": "không đổi",
                  "closed": "hết hiệu lực", "deleted": "xóa"}
        self.stdout.write("Danh mục khen thưởng — " + ", ".join(
            f"{labels[k]}: {v}" for k, v in counts.items()))
