"""python manage.py reset_mfa USERNAME

Removes every second-factor device of an account (a lost phone), as the system account, through
the same service as the admin's action; the change log keeps it. A user whose role requires a
second factor enrols again at the next sign-in. Exit status 2 when the account does not exist.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts import mfa
from accounts.system import system_actor


class Command(BaseCommand):
    help = "Đặt lại xác thực hai lớp của một tài khoản (mất điện thoại)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập")

    def handle(self, *args, username: str, **options):
        from accounts.models import User

        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không tìm thấy tài khoản “%(user)s”.") % {"user": username},
                               returncode=2)
        mfa.reset_devices(user=user, acting_user=system_actor())
        self.stdout.write(_("Đã đặt lại xác thực hai lớp của “%(user)s”.") % {"user": username})
