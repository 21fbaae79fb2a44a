"""python manage.py create_api_token USERNAME --scopes read[,write] --days N [--name TEXT]

The server operator's tool: issues a personal API token for an active account and prints only
the token (so that ``$(python manage.py create_api_token …)`` can be used in a shell). The token
acts with that account's permissions. Audited as the system account. Exit status 2 when refused.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.system import system_actor
from api.models import Origin
from api.services import issue_token
from core.errors import DomainError


class Command(BaseCommand):
    help = "Tạo khóa API cho một tài khoản (chỉ in ra khóa)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập của chủ khóa")
        parser.add_argument("--scopes", default="read", help="read hoặc read,write")
        parser.add_argument("--days", type=int, default=30, help="Số ngày hiệu lực")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của khóa")

    def handle(self, *args, username: str, scopes: str, days: int, name: str, **options):
        from accounts.models import User

        owner = User.objects.filter(username=username).first()
        if owner is None:
            raise CommandError(_("Không tìm thấy tài khoản “%(user)s”.") % {"user": username},
                               returncode=2)
        try:
            _token, whole = issue_token(
                owner=owner, name=name or _("Tạo bằng lệnh trên máy chủ"), scopes=scopes, days=days,
                acting_user=system_actor(), origin=Origin.COMMAND,
            )
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error
        self.stdout.write(whole)
