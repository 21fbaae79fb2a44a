"""The review report's writes: ``request_report`` (the standing office asks for one; a queued
report, an audit event, the task enqueued after commit) and ``run_report`` (the background
worker makes it: the figures, the charts, the DOCX, the XLSX, with the progress and the step
stored as it goes, so the page's progress bar follows).

A report is made once. ``run_report`` only starts a queued report; a done one never changes
(its figures, data version — the last audit-log entry when the figures were read — and files
are what was printed), a failed one keeps its error, and a new report is requested instead.
Nothing is half stored: the files and the figures are saved together with the state DONE, and
on any error the files already written are removed and the report is FAILED with a Vietnamese
message.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from audit import log
from audit.models import Action
from core.db import from_replica
from core.errors import DomainError
from orgs import lineage
from reviews.models import ReportState, ReviewPeriod, ReviewReport
from reviews.services import require

logger = logging.getLogger(__name__)
VERB = "generate_review_report"


def request_report(*, period: ReviewPeriod, grouping: str, acting_user) -> ReviewReport:
    """Queue a report of ``period`` grouped by ``grouping`` ("current" or "former"); the worker
    makes it (``reviews.tasks.generate_review_report``). Side effects: audit log, task."""
    require(acting_user, "reviews.add_reviewreport", period)
    if grouping not in lineage.GROUPINGS:
        raise DomainError(_("Hãy chọn nhóm theo đơn vị hiện nay hoặc theo huyện cũ."),
                          field="group_by")
    with transaction.atomic():
        report = ReviewReport.objects.create(period=period, grouping=grouping,
                                             requested_by=acting_user,
                                             step=_("Đang chờ đến lượt lập"))
        log.record(actor=acting_user, action=Action.CREATE, obj=report, verb=VERB,
                   owner=period, after={"period": period.code, "grouping": grouping})
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(pk: int) -> None:
    from reviews.tasks import generate_review_report

    generate_review_report.enqueue(report_id=pk)


def _step(report: ReviewReport, progress: int, step: str) -> None:
    """Stored at once (outside any transaction) so that the status page sees it."""
    report.progress, report.step = progress, step
    ReviewReport.objects.filter(pk=report.pk).update(progress=progress, step=step)


def _start(report_id: int) -> ReviewReport | None:
    with transaction.atomic():
        report = ReviewReport.objects.select_for_update().get(pk=report_id)
        if report.state != ReportState.QUEUED:
            return None
        report.state, report.progress = ReportState.RUNNING, 0
        report.step = _("Đang tổng hợp số liệu")
        report.save(update_fields=["state", "progress", "step"])
    return report


def run_report(report_id: int) -> ReviewReport:
    """Make the queued report ``report_id``; any other state is left as it is."""
    from accounts.roles import province_paths
    from reviews.charts import review_charts
    from reviews.report_docx import report_docx
    from reviews.report_xlsx import report_xlsx
    from reviews.selectors import command_summary, data_version, statistics

    with override("vi"):
        report = _start(report_id)
        if report is None:
            return ReviewReport.objects.get(pk=report_id)
        stored: list = []
        try:
            period = ReviewPeriod.objects.prefetch_related("campaigns__pack").get(
                pk=report.period_id)
            # The requester's provinces (a provincial standing office's report is its
            # province's; every province for the national role or without a requester).
            paths = province_paths(report.requested_by) if report.requested_by else None
            with from_replica():  # read-only work that tolerates a replica's lag
                version = data_version()
                stats = statistics(period, report.grouping, paths)
            figures = command_summary(stats)
            _step(report, 20, _("Đã tổng hợp số liệu; đang vẽ biểu đồ"))
            charts = review_charts(stats)
            _step(report, 50, _("Đang lập báo cáo (DOCX)"))
            made_at = timezone.now()
            docx = report_docx(stats, charts, data_version=version, made_at=made_at)
            _step(report, 80, _("Đang lập bảng số liệu (XLSX)"))
            xlsx = report_xlsx(stats, charts)
            with transaction.atomic():
                current = ReviewReport.objects.select_for_update().get(pk=report.pk)
                current.docx.save("bao-cao.docx", ContentFile(docx), save=False)
                stored.append(current.docx.name)
                current.xlsx.save("bao-cao.xlsx", ContentFile(xlsx), save=False)
                stored.append(current.xlsx.name)
                current.figures, current.data_version = figures, version
                current.state, current.progress = ReportState.DONE, 100
                current.step, current.error = _("Đã lập xong"), ""
                current.finished_at = timezone.now()
                current.save()
            return current
        except Exception as error:  # whatever broke, the report says so
            logger.exception("review report %s failed", report_id)
            _forget(stored)
            message = _("Không lập được báo cáo ở bước “%(step)s”. Hãy lập lại; nếu vẫn lỗi, "
                        "báo quản trị hệ thống (mã lỗi: %(code)s).") % {
                "step": report.step, "code": type(error).__name__}
            ReviewReport.objects.filter(pk=report.pk).update(
                state=ReportState.FAILED, error=message, step=_("Không lập được"), docx="",
                xlsx="", figures={}, data_version=None, finished_at=timezone.now())
            return ReviewReport.objects.get(pk=report.pk)


def _forget(names: list[str]) -> None:
    from uploads import private

    storage = private.storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not remove %s", name)
