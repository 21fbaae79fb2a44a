"""``manage.py import_evidence_list FILE --kind KIND --year YEAR [--as-of DATE] [--pick ROW=CODE]
[--dry-run] [--json]`` — a published list as evidence (docs/evidence.md, "Published lists").

Exit status: 0 every row resolved (and, without ``--dry-run``, applied); 1 a row unresolved or
invalid (nothing applied); 2 the file cannot be used (not found, not a list of that kind)."""

import datetime
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from accounts.system import system_actor
from core.errors import DomainError
from evaluation import lists

OK, ROWS, UNUSABLE = 0, 1, 2


def _day(text: str) -> datetime.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class Command(BaseCommand):
    help = ("Nhập danh sách tỉnh đã công bố (Chỉ số CCHC, Chỉ số hài lòng, xếp loại tập thể, "
            "Gia đình văn hóa) làm minh chứng của mọi đơn vị có trong danh sách.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .xlsx hoặc .docx có bảng danh sách.")
        parser.add_argument("--kind", required=True,
                            help="Loại danh sách: " + ", ".join(k.key for k in lists.list_kinds()))
        parser.add_argument("--year", required=True, type=int, help="Năm của danh sách.")
        parser.add_argument("--as-of", dest="as_of", default="",
                            help="Đơn vị theo tổ chức ngày (dd/mm/yyyy); mặc định 31/12 của năm.")
        parser.add_argument("--pick", action="append", default=[], metavar="DÒNG=MÃ",
                            help="Đơn vị cho một dòng chưa xác định được (số dòng=mã đơn vị).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không ghi.")
        parser.add_argument("--json", action="store_true", help="Kết quả là một đối tượng JSON.")

    def handle(self, *args, file: str, kind: str, year: int, as_of: str, pick: list[str],
               dry_run: bool, json: bool, **options) -> None:
        self.as_json = json
        path = Path(file)
        if not path.is_file():
            self._finish(UNUSABLE, errors=[_("Không tìm thấy tệp “%(path)s”.") % {"path": file}])
        try:
            day = _day(as_of) if as_of else None
        except ValueError:
            self._finish(UNUSABLE, errors=[_("Ngày “%(value)s” không hợp lệ (dd/mm/yyyy).")
                                           % {"value": as_of}])
        actor = system_actor()
        try:
            picks = lists.picks_from_codes(pick, day or datetime.date(year, 12, 31))
            values = {"filename": path.name, "data": path.read_bytes(), "kind": kind,
                      "year": year, "as_of": day, "acting_user": actor, "picks": picks}
            preview = lists.preview_list(**values)
        except DomainError as error:
            self._finish(UNUSABLE, errors=[error.message])
        if not preview.ok or dry_run:
            self._finish(OK if preview.ok else ROWS, preview=preview)
        try:
            lists.apply_list(**values)
        except DomainError as error:
            self._finish(ROWS, preview=preview, errors=[error.message])
        self._finish(OK, preview=preview, applied=True)

    def _finish(self, status: int, *, preview=None, errors=(), applied: bool = False):
        answer = preview.as_json() if preview is not None else {
            "ok": False, "matched": [], "unmatched": [], "errors": []}
        answer["errors"] = [*answer["errors"], *({"row": None, "message": m} for m in errors)]
        answer["ok"] = status == OK
        answer["applied"] = applied
        if self.as_json:
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
        else:
            self._describe(answer, preview)
        sys.exit(status)  # always: the status is the answer (0 included)

    def _describe(self, answer: dict, preview) -> None:
        for item in answer["matched"]:
            self.stdout.write(f"{item['row']}\t{item['unit']}\t{item['value']}\t{item['text']}")
        for item in answer["unmatched"]:
            self.stderr.write(_("Dòng %(row)s: chưa xác định được đơn vị “%(text)s”; gần giống: "
                                "%(candidates)s") % {"row": item["row"], "text": item["text"],
                                                     "candidates": ", ".join(item["candidates"])
                                                     or "—"})
        for item in answer["errors"]:
            where = _("Dòng %(row)s: ") % {"row": item["row"]} if item["row"] else ""
            self.stderr.write(where + item["message"])
        if answer.get("applied"):
            self.stdout.write(_("Đã nhập %(n)s dòng.") % {"n": len(answer["matched"])})
        elif preview is not None and answer["ok"]:
            self.stdout.write(_("Xem trước: %(n)s dòng sẽ được nhập.") % {
                "n": len(answer["matched"])})
