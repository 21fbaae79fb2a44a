"""python manage.py exemplar_transition EXEMPLAR_ID NAME [--reason TEXT] [--legal-basis TEXT]
[--user USERNAME]

Takes one step of an exemplar's lifecycle through the same service as the web page. Acts as
the system account unless --user names an account (whose permissions then apply). Exit status
0 on success, 2 when the exemplar, the user or the step is refused.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.system import system_actor
from core.errors import DomainError
from registry.models import Exemplar
from registry.services import transition_exemplar
from registry.workflow import EXEMPLAR_TRANSITIONS


class Command(BaseCommand):
    # argparse cannot format lazy translations, so the help texts are plain Vietnamese.
    help = "Chuyển trạng thái một điển hình (bồi dưỡng, đề nghị, công nhận, rút, thu hồi…)."

    def add_arguments(self, parser):
        parser.add_argument("exemplar", type=int, help="Mã số (id) của điển hình")
        parser.add_argument("name", choices=sorted(EXEMPLAR_TRANSITIONS), help="Thao tác")
        parser.add_argument("--reason", default="", help="Lý do")
        parser.add_argument("--legal-basis", default="", dest="legal_basis",
                            help="Căn cứ: số, ngày, trích yếu văn bản")
        parser.add_argument("--user", default="", help="Tên đăng nhập của người thực hiện")

    def handle(self, *args, exemplar: int, name: str, reason: str, legal_basis: str, user: str,
               **options):
        from accounts.models import User

        found = Exemplar.objects.filter(pk=exemplar).first()
        if found is None:
            raise CommandError(_("Không tìm thấy điển hình %(id)s.") % {"id": exemplar},
                               returncode=2)
        actor = User.objects.filter(username=user, is_active=True).first() if user else system_actor()
        if actor is None:
            raise CommandError(_("Không tìm thấy tài khoản “%(user)s”.") % {"user": user},
                               returncode=2)
        try:
            moved = transition_exemplar(exemplar=found, name=name, acting_user=actor,
                                        reason=reason, legal_basis=legal_basis)
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error
        self.stdout.write(_("%(name)s: %(state)s.") % {"name": moved.name,
                                                        "state": moved.get_state_display()})
