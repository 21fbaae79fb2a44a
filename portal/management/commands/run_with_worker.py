import logging
import signal
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.supervision import Supervisor

logging.getLogger("dienhinh.worker").setLevel(logging.INFO)


class Command(BaseCommand):
    help = "Chạy máy chủ web cùng tiến trình xử lý tác vụ nền (gửi thư) — dùng cho `make run`."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        address = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        self.stdout.write(f"  Địa chỉ: http://{address}/  (SITE_URL={settings.SITE_URL})")
        supervisor = Supervisor([sys.executable, "manage.py", "task_worker", "--interval", "2"])
        supervisor.start_in_thread()
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the worker is stopped too
        try:
            call_command("runserver", address, use_reloader=False)
        finally:
            supervisor.stop()
