"""``manage.py search QUERY [--limit N] [--json]``: the search, as the standing office sees it."""

import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _  # (argparse needs real strings)

from search.selectors import search


class Command(BaseCommand):
    help = _("Tìm điển hình và cơ quan, đơn vị (phạm vi toàn tỉnh, như cơ quan thường trực).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="+", help=_("Từ khóa tìm kiếm (có hoặc không dấu)."))
        parser.add_argument("--limit", type=int, default=20, help=_("Số kết quả tối đa."))
        parser.add_argument("--json", action="store_true", help=_("In kết quả dạng JSON."))

    def handle(self, *args, **options) -> None:
        hits = search(None, " ".join(options["query"]), limit=max(options["limit"], 0))
        if options["json"]:
            payload = {"results": [hit.as_json() for hit in hits]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        if not hits:
            self.stdout.write(str(_("Không tìm thấy kết quả nào.")))
            return
        header = tuple(map(str, (_("Điểm"), _("Loại"), _("Mã số"), _("Tên"), _("Đơn vị"))))
        rows = [(f"{h.score:.4f}", h.badge, str(h.id), h.name, h.unit or "—") for h in hits]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[-1]]).rstrip())
