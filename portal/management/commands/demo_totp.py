"""python manage.py demo_totp USERNAME — the current 6-digit code of a privileged demo account.

Only for the accounts ``seed_demo`` pre-enrolled with the published demo key
(``portal.demo.DEMO_TOTP_SECRET``); any other account is refused (exit status 2)."""

from django.core.management.base import BaseCommand, CommandError

from portal.demo import demo_code


class Command(BaseCommand):
    help = "In mã xác thực hai lớp hiện tại của một tài khoản minh họa."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập minh họa (sonoivu, hoidong, quantri)")

    def handle(self, *args, username: str, **options):
        code = demo_code(username)
        if code is None:
            raise CommandError(
                f"“{username}” không phải tài khoản minh họa đã được đăng ký sẵn xác thực hai lớp.",
                returncode=2)
        self.stdout.write(code)
