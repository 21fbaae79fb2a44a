"""``manage.py rebuild_search_index``: recompute the search index from every registered source."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _  # (argparse needs real strings)

from search.documents import source
from search.index import rebuild


class Command(BaseCommand):
    help = _("Dựng lại toàn bộ chỉ mục tìm kiếm từ dữ liệu đơn vị và điển hình.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=5000,
                            help=_("Số bản ghi mỗi lượt ghi (mặc định 5000)."))

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        stats = rebuild(batch_size=max(options["batch_size"], 1))
        entries = ", ".join(str(source(kind).count_label) % {"count": count}
                            for kind, count in stats.entries.items())
        self.stdout.write(self.style.SUCCESS(_(
            "Đã dựng lại chỉ mục: %(entries)s, %(keys)d khóa, %(terms)d từ vựng (và %(texts)d "
            "từ chỉ có trong nội dung) trong %(seconds).1f giây."
        ) % {"entries": entries, "keys": stats.keys, "terms": stats.terms,
             "texts": stats.text_terms,
             "seconds": time.perf_counter() - started}))
