"""``manage.py rebuild_search_index``: recompute the search index from units and exemplars."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _  # (argparse needs real strings)

from search.index import rebuild


class Command(BaseCommand):
    help = _("Dựng lại toàn bộ chỉ mục tìm kiếm từ dữ liệu đơn vị và điển hình.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=5000,
                            help=_("Số bản ghi mỗi lượt ghi (mặc định 5000)."))

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        stats = rebuild(batch_size=max(options["batch_size"], 1))
        self.stdout.write(self.style.SUCCESS(_(
            "Đã dựng lại chỉ mục: %(units)d đơn vị, %(exemplars)d điển hình, %(keys)d khóa, "
            "%(terms)d từ vựng trong %(seconds).1f giây."
        ) % {"units": stats.units, "exemplars": stats.exemplars, "keys": stats.keys,
             "terms": stats.terms, "seconds": time.perf_counter() - started}))
