"""python manage.py export_registration --unit UNIT [--campaign CODE] --format docx|pdf|xlsx
--output FILE

Writes a unit's Biểu đăng ký as the web download does. Exit status 0 on success, 2 when the
unit, campaign or registration is not found.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guidance.selectors import campaign_by_code, open_campaign
from orgs.selectors import resolve_unit
from registry.io.export import CONTENT_TYPES
from registry.selectors import registration_for


class Command(BaseCommand):
    # argparse cannot format lazy translations, so the help texts are plain Vietnamese.
    help = "Xuất Biểu đăng ký của một đơn vị ra tệp .docx, .pdf hoặc .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã hoặc tên đơn vị")
        parser.add_argument("--campaign", help="Mã đợt; mặc định: đợt đang nhận đăng ký")
        parser.add_argument("--format", required=True, choices=sorted(CONTENT_TYPES), dest="fmt")
        parser.add_argument("--output", required=True, help="Tệp sẽ ghi ra")

    def handle(self, *args, unit: str, campaign: str | None, fmt: str, output: str, **options):
        found = campaign_by_code(campaign) if campaign else open_campaign()
        if found is None:
            raise CommandError(_("Không tìm thấy đợt thi đua %(code)s.")
                               % {"code": campaign or _("đang nhận đăng ký")}, returncode=2)
        resolved = resolve_unit(unit)
        if resolved.unit is None:
            raise CommandError(resolved.message(), returncode=2)
        registration = registration_for(found, resolved.unit)
        if registration is None:
            raise CommandError(_("%(unit)s chưa có biểu đăng ký trong đợt %(campaign)s.")
                               % {"unit": resolved.unit.name, "campaign": found.code}, returncode=2)
        from registry.io.document import registration_document
        from registry.io.export import render_document

        data = render_document(registration_document(registration), fmt)
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(_("Không ghi được tệp %(path)s: %(error)s")
                               % {"path": output, "error": error.strerror or error},
                               returncode=2) from error
        if options["verbosity"]:
            self.stdout.write(_("Đã ghi %(path)s (%(size)s byte).")
                              % {"path": output, "size": len(data)})
