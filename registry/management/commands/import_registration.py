"""python manage.py import_registration FILE [--unit UNIT] [--campaign CODE] [--dry-run] [--json]

The web importer behind a command (same reader, same preview, same services). Exit status: 0 the
file is valid (and, without --dry-run, was applied); 1 it has row errors (nothing applied);
2 the file is unusable, or the unit, campaign or registration cannot be used.
With --json, stdout is exactly one JSON object: {"ok", "entries", "errors"}.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.system import system_actor
from core.errors import DomainError
from guidance.selectors import campaign_by_code, open_campaign
from orgs.selectors import find_units
from registry.enums import EDITABLE_STATES
from registry.io.parsed import ParsedForm, RowError
from registry.selectors import registration_for
from registry.services.form_import import apply_import, preview_import
from uploads.safety import MAX_BYTES

OK, ROW_ERRORS, UNUSABLE = 0, 1, 2


class Command(BaseCommand):
    # argparse cannot format lazy translations, so the help texts are plain Vietnamese.
    help = "Nhập Biểu đăng ký (.docx/.xlsx) của một đơn vị vào đợt thi đua."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .docx hoặc .xlsx")
        parser.add_argument("--unit", help=(
            "Mã hoặc tên đơn vị (không phân biệt hoa thường, dấu); mặc định: tên đơn vị ghi "
            "trên biểu"))
        parser.add_argument("--campaign", help="Mã đợt; mặc định: đợt đang nhận đăng ký")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options):
        self.as_json = options["json"]
        self.verbosity = options["verbosity"]
        campaign = (campaign_by_code(options["campaign"]) if options["campaign"]
                    else open_campaign())
        if campaign is None:
            self._finish(ParsedForm(), UNUSABLE, _("Không tìm thấy đợt thi đua %(code)s.")
                         % {"code": options["campaign"] or _("đang nhận đăng ký")})
        path = Path(options["file"])
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            self._finish(ParsedForm(), UNUSABLE, _("Không đọc được tệp %(path)s: %(error)s")
                         % {"path": path, "error": error.strerror or error})
        from registry.io.reader import read_upload

        parsed = read_upload(path.name, data, campaign.pack.pack)
        if parsed.unusable:
            self._finish(parsed, UNUSABLE)
        unit, problem = self._unit(options["unit"], parsed)
        if options["unit"] and unit is None:
            self._finish(parsed, UNUSABLE, problem)
        if parsed.errors:
            self._finish(parsed, ROW_ERRORS)
        if unit is None and not options["dry_run"]:
            self._finish(parsed, UNUSABLE, problem)
        registration = registration_for(campaign, unit) if unit else None
        if options["dry_run"]:
            if registration is not None:
                self._describe(preview_import(registration=registration, parsed=parsed))
            self._finish(parsed, OK)
            return
        self._apply(parsed, campaign, unit, registration, path.name)

    def _unit(self, given: str | None, parsed: ParsedForm):
        """The unit named by --unit, else by the lines above the form's tables — read from the
        bottom up, since the issuing unit is written under its parent ("UBND TỈNH…")."""
        problem = (_("Không tìm thấy đơn vị “%(text)s”.") % {"text": given} if given
                   else _("Không xác định được đơn vị từ tệp; hãy dùng --unit MÃ_ĐƠN_VỊ."))
        for text in [given] if given else reversed(parsed.unit_lines):
            units = find_units(text)
            if len(units) == 1:
                return units[0], ""
            if len(units) > 1:
                codes = ", ".join(u.code for u in units)
                problem = (_("“%(text)s” ứng với nhiều đơn vị (%(codes)s); hãy ghi mã đơn vị.")
                           % {"text": text, "codes": codes})
        return None, problem

    def _apply(self, parsed: ParsedForm, campaign, unit, registration, name: str) -> None:
        from registry import services

        actor = system_actor()
        try:
            if registration is None:
                registration = services.create_registration(campaign=campaign, unit=unit,
                                                            acting_user=actor)
            if registration.state not in EDITABLE_STATES:
                self._finish(parsed, UNUSABLE, _(
                    "Biểu đăng ký của %(unit)s đang ở trạng thái “%(state)s”, không sửa được."
                ) % {"unit": unit.name, "state": registration.get_state_display()})
            preview = preview_import(registration=registration, parsed=parsed)
            apply_import(registration=registration, parsed=parsed, acting_user=actor,
                         source_name=name)
        except DomainError as error:
            self._finish(parsed, ROW_ERRORS, error.message)
        self._describe(preview, applied=True)
        self._finish(parsed, OK)

    def _describe(self, preview, *, applied: bool = False) -> None:
        if self.as_json or self.verbosity == 0:
            return
        verb = _("Đã") if applied else _("Sẽ")
        self.stdout.write(_("%(verb)s thêm %(added)s, sửa %(changed)s, xóa %(removed)s mục.") % {
            "verb": verb, "added": len(preview.added), "changed": len(preview.changed),
            "removed": len(preview.removed)})

    def _finish(self, parsed: ParsedForm, status: int, message: str = "") -> None:
        """Print the result (one JSON object with --json); exit unless the status is 0."""
        if message:
            parsed.errors.append(RowError(None, None, None, message))
        if self.as_json:
            result = parsed.as_json()
            result["ok"] = status == OK
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self._print_text(parsed, status)
        if status != OK:
            raise SystemExit(status)

    def _print_text(self, parsed: ParsedForm, status: int) -> None:
        if status == OK and self.verbosity:
            self.stdout.write(_("Tệp hợp lệ: %(count)s mục.") % {"count": len(parsed.entries)})
        for error in parsed.errors:
            where = ", ".join(part for part in (
                error.section or "", _("dòng %(row)s") % {"row": error.row} if error.row else "",
                error.column or "") if part)
            self.stderr.write(f"{where}: {error.message}" if where else error.message)
