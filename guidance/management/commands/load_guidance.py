"""``manage.py load_guidance FILE``: validate a guidance-pack file and store it (idempotent)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guidance import services
from guidance.loading import PackError, read_pack_file


class Command(BaseCommand):
    help = ("Kiểm tra và nạp một bộ hướng dẫn (tệp YAML hoặc JSON, định dạng "
            "dienhinh.guidance/1). Nạp lại cùng phiên bản là an toàn; một phiên bản đã có đợt "
            "thi đua dùng không sửa được nội dung (hãy tăng số phiên bản). Nạp phiên bản mới "
            "không đổi đợt thi đua nào.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp bộ hướng dẫn (.yaml, .yml hoặc .json).")
        parser.add_argument("--json", action="store_true",
                            help="Đọc tệp dạng JSON dù tên tệp không có đuôi .json.")
        parser.add_argument("--check", action="store_true",
                            help="Chỉ kiểm tra, không ghi vào cơ sở dữ liệu.")

    def handle(self, *args, **options) -> None:
        try:
            pack = read_pack_file(options["file"], fmt="json" if options["json"] else None)
        except PackError as error:
            # CommandError: the message goes to stderr and the process exits with status 1.
            raise CommandError(error.message) from error
        if options["check"]:
            self.stdout.write(f"Bộ hướng dẫn {pack.code} phiên bản {pack.version} hợp lệ.")
            return
        try:
            record, outcome = services.upsert_pack(pack=pack, acting_user=None)
        except services.PackInUse as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp bộ hướng dẫn {record.code} phiên bản {record.version} "
            f"({outcome.label}; SHA-256 {record.checksum[:12]})"
        ))
