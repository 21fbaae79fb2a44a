"""Background exports' writes: ``request_export`` (a user asks for a large file: one job, the
task queued after commit; the same request while one is queued or running gets that one),
``run_job`` (the worker writes the file, storing the rows done every 1000 rows), ``retry_export``
(a failed job queued again) and ``purge_expired`` (files and jobs past their day removed).

Nothing is half kept: the file is written to a temporary file and stored with the state DONE;
on any error it is removed and the job is FAILED with a Vietnamese message.
"""

import datetime
import hashlib
import json
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from exports import kinds
from exports.models import LIVE_STATES, ExportJob, JobState

logger = logging.getLogger(__name__)


def inline_rows() -> int:
    """Up to this many rows an export is written in the request; above, in the worker."""
    return int(getattr(settings, "EXPORT_INLINE_ROWS", 5000))


def keep_for() -> datetime.timedelta:
    return datetime.timedelta(hours=int(getattr(settings, "EXPORT_KEEP_HOURS", 24)))


def params_key(kind: str, fmt: str, params: dict) -> str:
    text = json.dumps({"kind": kind, "fmt": fmt, "params": params}, sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _kind(key: str) -> kinds.ExportKind:
    found = kinds.get(key)
    if found is None:
        raise DomainError(_("Không có loại tệp xuất này."))
    return found


def request_export(*, kind: str, params: dict, fmt: str, acting_user, rows_total: int | None = None,
                   language: str = "vi") -> ExportJob:
    """A job writing ``kind`` as ``fmt`` with ``params`` for ``acting_user`` (who must hold the
    kind's permission on its object); the live job of the same request if there is one.
    ``rows_total`` is the caller's count, if it made one. Side effects: audit log, task."""
    found = _kind(kind)
    if not found.allows(acting_user, params):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
    if fmt not in found.formats:
        raise DomainError(_("Loại tệp này không xuất được dưới dạng %(fmt)s.") % {"fmt": fmt})
    key = params_key(kind, fmt, params)
    live = _live(acting_user, key)
    if live is not None:
        return live
    total = found.count(params) if rows_total is None else rows_total
    now = timezone.now()
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                requested_by=acting_user, kind=kind, fmt=fmt, params=params, params_key=key,
                language=(language or "vi")[:8], filename=found.filename(params, fmt),
                rows_total=total, expires_at=now + keep_for())
            log.record(actor=acting_user, action=Action.CREATE, obj=job, verb="request_export",
                       after={"kind": kind, "fmt": fmt, "params": params, "rows": total})
            transaction.on_commit(lambda: _enqueue(job.pk))
    except IntegrityError:  # the same request, at the same moment, in another process
        live = _live(acting_user, key)
        if live is None:
            raise
        return live
    return job


def _live(user, key: str) -> ExportJob | None:
    return (ExportJob.objects.filter(requested_by=user, params_key=key, state__in=LIVE_STATES,
                                     expires_at__gt=timezone.now()).order_by("-pk").first())


def retry_export(*, job: ExportJob, acting_user) -> ExportJob:
    """Queue the failed ``job`` again (its requester, still holding the permission); the live
    job of the same request if one was started meanwhile."""
    from exports.rules import may_see

    if not may_see(acting_user, job):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
    found = _kind(job.kind)
    with transaction.atomic():
        current = ExportJob.objects.select_for_update().get(pk=job.pk)
        if current.state != JobState.FAILED:
            raise DomainError(_("Chỉ lập lại được tệp chưa lập được."))
        live = _live(acting_user, current.params_key)
        if live is not None:
            return live
        current.state, current.rows_done, current.error = JobState.QUEUED, 0, ""
        current.rows_total = found.count(current.params)
        current.started_at = current.finished_at = None
        current.expires_at = timezone.now() + keep_for()
        current.save(update_fields=["state", "rows_done", "error", "rows_total", "started_at",
                                    "finished_at", "expires_at"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, verb="retry_export",
                   after={"state": current.state})
        transaction.on_commit(lambda: _enqueue(current.pk))
    return current


def _enqueue(pk: int) -> None:
    from exports.tasks import run_export

    run_export.enqueue(job_id=pk)


def _start(job_id: int) -> ExportJob | None:
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != JobState.QUEUED:
            return None
        job.state, job.rows_done, job.started_at = JobState.RUNNING, 0, timezone.now()
        job.save(update_fields=["state", "rows_done", "started_at"])
    return job


def run_job(job_id: int) -> ExportJob | None:
    """Write the queued job ``job_id``'s file; any other state is left as it is."""
    job = _start(job_id)
    if job is None:
        return ExportJob.objects.filter(pk=job_id).first()
    stored = ""
    try:
        found = _kind(job.kind)

        def progress(n: int) -> None:  # stored at once, outside any transaction
            ExportJob.objects.filter(pk=job.pk).update(rows_done=n)

        with override(job.language), tempfile.TemporaryFile() as out:
            written = found.write(job.params, job.fmt, out, progress)
            out.seek(0)
            job.file.save(job.filename, File(out, name=job.filename), save=False)  # copied in chunks
            stored = job.file.name
        now = timezone.now()
        ExportJob.objects.filter(pk=job.pk).update(
            state=JobState.DONE, file=stored, rows_done=written, rows_total=written, error="",
            finished_at=now, expires_at=now + keep_for())
    except Exception as error:  # whatever broke, the job says so
        logger.exception("export %s failed", job_id)
        if stored:
            _remove(stored)
        with override(job.language):
            message = _("Không lập được tệp. Hãy bấm “Lập lại”; nếu vẫn lỗi, báo quản trị hệ "
                        "thống (mã lỗi: %(code)s).") % {"code": type(error).__name__}
        ExportJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=message, file="",
                                                   finished_at=timezone.now())
    return ExportJob.objects.get(pk=job.pk)


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Remove the jobs past their day and their files; returns how many."""
    now = now or timezone.now()
    removed = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).only("pk", "file").iterator():
        if job.file:
            _remove(job.file.name)
        ExportJob.objects.filter(pk=job.pk).delete()
        removed += 1
    return removed


_last_purge: datetime.datetime | None = None
PURGE_EVERY = datetime.timedelta(minutes=10)


def worker_tick(now: datetime.datetime | None = None) -> bool:
    """Called by the task worker's loop between tasks (``portal.supervision``): purge the
    expired exports at most every ``PURGE_EVERY``. True when it purged."""
    global _last_purge
    now = now or timezone.now()
    if _last_purge is not None and now - _last_purge < PURGE_EVERY:
        return False
    _last_purge = now
    purge_expired(now)
    return True


def _remove(name: str) -> None:
    from uploads import private

    try:
        private.storage().delete(name)
    except OSError:
        logger.warning("could not remove %s", name)
