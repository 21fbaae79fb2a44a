from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Nạp hoặc làm mới danh mục cơ quan, người ban hành quyết định (decisions/reference)."

    def handle(self, *args, **options):
        from core.errors import DomainError
        from decisions.reference.load import load_authorities

        try:
            counts = load_authorities()
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write("Cơ quan ban hành — tạo mới: {created}, cập nhật: {updated}, "
                          "không đổi: {unchanged}".format(**counts))
