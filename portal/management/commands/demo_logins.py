from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "In các tài khoản minh họa."

    def handle(self, *args, **options):
        from portal.demo import DEMO_ENROLLED, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS

        self.stdout.write("")
        self.stdout.write(f"  Điển hình tiên tiến — {settings.SITE_URL}")
        self.stdout.write(f"  Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        self.stdout.write(f"    {'quantri':<20} Quản trị hệ thống")
        for username, full_name, _position, unit, role in DEMO_USERS:
            self.stdout.write(f"    {username:<20} {role.label} — {unit} ({full_name})")
        self.stdout.write("")
        self.stdout.write(f"  Xác thực hai lớp (bắt buộc với {', '.join(DEMO_ENROLLED)}):")
        self.stdout.write("    mã 6 chữ số hiện tại: python manage.py demo_totp TÊN_ĐĂNG_NHẬP")
        self.stdout.write(f"    hoặc thêm khóa minh họa vào ứng dụng xác thực: {DEMO_TOTP_SECRET}")
        self.stdout.write("")
        self.stdout.write("  API REST (tài liệu: " + settings.SITE_URL + "/api/v1/docs):")
        self.stdout.write("    curl -H \"Authorization: Bearer $(.venv/bin/python manage.py "
                          "create_api_token syt.canbo --scopes read --days 1)\" "
                          + settings.SITE_URL + "/api/v1/registrations/")
        self.stdout.write("")
