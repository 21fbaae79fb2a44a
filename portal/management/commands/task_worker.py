"""`manage.py task_worker`: django-tasks-db's `db_worker` (same options) that survives database
restarts — the systemd unit and `make run` start this one."""

from django_tasks_db.management.commands import db_worker

from exports.services import worker_tick as purge_exports_tick
from portal.supervision import ResilientWorker
from urging.scheduler import worker_tick


class PortalWorker(ResilientWorker):
    """The project's worker: also runs the periodic jobs (the scheduled reminders, the purge of
    expired exports)."""

    periodic = (worker_tick, purge_exports_tick)


class Command(db_worker.Command):
    help = "Tiến trình xử lý tác vụ nền (gửi thư), tự kết nối lại khi cơ sở dữ liệu khởi động lại."

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = PortalWorker  # the parent's handle builds the worker by this name
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
