from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Tạo dữ liệu minh họa (người dùng các vai trò, biểu đăng ký ở nhiều trạng thái) một lần."

    def handle(self, *args, **options):
        from portal.demo import seed_demo

        try:
            counts = seed_demo()
        except LookupError as error:
            raise CommandError(str(error)) from error
        if counts["registrations"] == 0:
            self.stdout.write("Dữ liệu minh họa đã có sẵn — không thay đổi gì.")
        else:
            self.stdout.write(
                f"Đã tạo dữ liệu minh họa: {counts['registrations']} biểu đăng ký, "
                f"{counts['users']} người dùng."
            )
