"""`manage.py purge_exports`: remove the background exports past their day and their files (the
task worker also does it every few minutes)."""

from django.core.management.base import BaseCommand

from exports.services import purge_expired


class Command(BaseCommand):
    help = "Xóa các tệp xuất đã quá hạn giữ (một ngày) cùng tệp của chúng."

    def handle(self, *args, **options):
        removed = purge_expired()
        self.stdout.write(f"Đã xóa {removed} tệp xuất quá hạn.")
