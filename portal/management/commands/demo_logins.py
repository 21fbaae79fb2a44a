from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "In các tài khoản minh họa."

    def handle(self, *args, **options):
        from portal.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write("")
        self.stdout.write(f"  Điển hình tiên tiến — {settings.SITE_URL}")
        self.stdout.write(f"  Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        self.stdout.write(f"    {'quantri':<20} Quản trị hệ thống")
        for username, full_name, _position, unit, role in DEMO_USERS:
            self.stdout.write(f"    {username:<20} {role.label} — {unit} ({full_name})")
        self.stdout.write("")
