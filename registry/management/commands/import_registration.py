"""python manage.py import_registration FILE [--unit UNIT] [--campaign CODE] [--dry-run] [--json]
                                          [--allow-delete] [--allow-other-unit]

The web importer behind a command (same reader, same plan, same services). Without --campaign
the campaign is found as on the home page: the open campaign of the guidance the file cites
("Thực hiện Hướng dẫn số 2533/HD-UBND …"; a closed one is refused), or, when the file cites
none, the campaign taking registrations. Exit status: 0 the
file is valid (and, without --dry-run, was applied); 1 it has row errors (nothing applied);
2 the file is unusable; the unit, campaign or registration cannot be used; the file names
another unit (without --allow-other-unit); or the plan deletes entries (without
--allow-delete). --dry-run exits with the status the real run would have.
With --json, stdout is exactly one JSON object: {"ok", "unit", "entries", "errors",
"warnings"} and, whenever the unit has a registration, "plan".
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.system import system_actor
from core.errors import DomainError
from guidance.selectors import campaign_by_code, open_campaign
from orgs.selectors import resolve_unit
from registry.enums import EDITABLE_STATES
from registry.io.parsed import ParsedForm, RowError
from registry.selectors import registration_for
from registry.services.form_import import apply_import, check_unit, file_units, preview_import
from uploads.safety import MAX_BYTES

OK, ROW_ERRORS, UNUSABLE = 0, 1, 2


class Command(BaseCommand):
    # argparse cannot format lazy translations, so the help texts are plain Vietnamese.
    help = "Nhập Biểu đăng ký (.docx/.xlsx) của một đơn vị vào đợt thi đua."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .docx hoặc .xlsx")
        parser.add_argument("--unit", help=(
            "Mã hoặc tên đơn vị như thường gọi (“Sở Y tế”, “UBND xã Bình Lư”; không phân biệt "
            "hoa thường, dấu); mặc định: đơn vị ghi trên biểu"))
        parser.add_argument("--campaign", help="Mã đợt; mặc định: đợt đang nhận đăng ký")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument("--allow-delete", action="store_true", help=(
            "Cho phép xóa các mục không còn trong tệp (ở các mục I–IV có dòng trong tệp)"))
        parser.add_argument("--allow-other-unit", action="store_true", help=(
            "Vẫn nhập khi tệp ghi tên một đơn vị khác với --unit"))

    def handle(self, *args, **options):
        self.as_json = options["json"]
        self.verbosity = options["verbosity"]
        self.unit = None
        self.plan: dict | None = None
        self.warnings: list[str] = []
        campaign = campaign_by_code(options["campaign"]) if options["campaign"] else None
        if options["campaign"] and campaign is None:
            self._finish(ParsedForm(), UNUSABLE, _("Không tìm thấy đợt thi đua %(code)s.")
                         % {"code": options["campaign"]})
        path = Path(options["file"])
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            self._finish(ParsedForm(), UNUSABLE, _("Không đọc được tệp %(path)s: %(error)s")
                         % {"path": path, "error": error.strerror or error})
        from registry.io.reader import read_upload

        if campaign is None:
            campaign, parsed = self._campaign_from_file(path.name, data)
        else:
            parsed = read_upload(path.name, data, campaign.pack.pack)
        pack = campaign.pack.pack
        if parsed.unusable:
            self._finish(parsed, UNUSABLE)
        unit, problem = self._unit(options["unit"], parsed, pack)
        if options["unit"] and unit is None:
            self._finish(parsed, UNUSABLE, problem)
        if parsed.errors:
            self._finish(parsed, ROW_ERRORS)
        if unit is None:
            # --dry-run only validates: there is no unit to compare with
            self._finish(parsed, OK if options["dry_run"] else UNUSABLE,
                         "" if options["dry_run"] else problem)
            return
        self.unit = unit
        check = check_unit(unit, parsed, pack)
        if check.status == "other" and not options["allow_other_unit"]:
            self._finish(parsed, UNUSABLE, check.message() + " " + _(
                "Nếu đúng là muốn nhập, chạy lại với --allow-other-unit."))
        if check.status == "none":
            self.warnings.append(check.message())
        registration = registration_for(campaign, unit)
        if registration is not None:
            preview = self._plan(registration, parsed)
            if preview.removed and not options["allow_delete"]:
                self._finish(parsed, UNUSABLE, _(
                    "Tệp sẽ xóa %(count)s mục không còn trong tệp; chưa có thay đổi nào được "
                    "lưu. Chạy lại với --allow-delete để xóa các mục đó.")
                    % {"count": len(preview.removed)})
        if options["dry_run"]:
            if registration is not None:
                self._describe(preview)
            self._finish(parsed, OK)
            return
        self._apply(parsed, campaign, unit, registration, path.name, options)

    def _campaign_from_file(self, name: str, data: bytes):
        """Without --campaign: the open campaign of the guidance the file cites, as on the home
        page (``registry.home_import``); a file citing none goes to the open campaign."""
        from registry.home_import import GuidanceNotNamed, HomeImportRefused, read_for_campaign
        from registry.io.reader import read_upload

        try:
            return read_for_campaign(name, data)
        except GuidanceNotNamed:
            campaign = open_campaign()
            if campaign is None:
                self._finish(ParsedForm(), UNUSABLE, _("Không tìm thấy đợt thi đua %(code)s.")
                             % {"code": _("đang nhận đăng ký")})
            return campaign, read_upload(name, data, campaign.pack.pack)
        except HomeImportRefused as refused:
            self._finish(ParsedForm(), UNUSABLE, refused.message)
            raise  # not reached: _finish exits

    def _unit(self, given: str | None, parsed: ParsedForm, pack):
        """The unit named by --unit (``orgs.selectors.resolve_unit``), else the one unit the
        file names as its issuer (the header under the superior body, the lead sentence)."""
        if given:
            resolved = resolve_unit(given)
            return resolved.unit, resolved.message()
        named = file_units(parsed, pack)
        if len(named) == 1:
            return named[0], ""
        if named:
            return None, _("Tệp ghi nhiều đơn vị (%(units)s); hãy dùng --unit MÃ_ĐƠN_VỊ.") % {
                "units": "; ".join(f"{u.name} ({u.code})" for u in named)}
        return None, _("Không xác định được đơn vị từ tệp; hãy dùng --unit MÃ_ĐƠN_VỊ.")

    def _plan(self, registration, parsed: ParsedForm):
        preview = preview_import(registration=registration, parsed=parsed)
        self.plan = preview.plan()
        return preview

    def _apply(self, parsed: ParsedForm, campaign, unit, registration, name: str,
               options) -> None:
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
            preview = self._plan(registration, parsed)
            apply_import(registration=registration, parsed=parsed, acting_user=actor,
                         source_name=name, allow_delete=options["allow_delete"],
                         allow_other_unit=options["allow_other_unit"])
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
            result["unit"] = ({"code": self.unit.code, "name": self.unit.name}
                              if self.unit else None)
            result["warnings"] = self.warnings
            if self.plan is not None:
                result["plan"] = self.plan
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self._print_text(parsed, status)
        if status != OK:
            raise SystemExit(status)

    def _print_text(self, parsed: ParsedForm, status: int) -> None:
        if status == OK and self.verbosity:
            self.stdout.write(_("Tệp hợp lệ: %(count)s mục.") % {"count": len(parsed.entries)})
        for warning in self.warnings:
            self.stderr.write(_("Cảnh báo: %(text)s") % {"text": warning})
        for error in parsed.errors:
            where = error.location
            self.stderr.write(f"{where}: {error.message}" if where else error.message)
