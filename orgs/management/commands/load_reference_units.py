from django.core.management.base import BaseCommand, CommandError

from orgs.reference.load import load_reference_units
from orgs.reference.specs import ReferenceDataError


class Command(BaseCommand):
    help = (
        "Nạp đơn vị tham chiếu (tỉnh, huyện và xã trước 2025, 38 xã/phường từ 01/07/2025, "
        "sở, ban, ngành, khối thi đua, liên kết kế thừa). Chạy lại nhiều lần không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-samples", action="store_true",
            help="Bỏ qua các dòng dữ liệu mẫu (doanh nghiệp mẫu, trường học mẫu) — dùng khi "
                 "triển khai thật.",
        )

    def handle(self, *args, **options):
        try:
            load_reference_units(stdout=self.stdout,
                                 include_samples=not options["without_samples"])
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
