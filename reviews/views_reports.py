"""The review report on the web: request one (POST, standing office), its status with a
progress bar (polled by htmx while the worker runs), download the DOCX or the XLSX."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError
from reviews import reports
from reviews.models import ReportState, ReviewPeriod, ReviewReport
from uploads import private

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _period(request, code, **_kwargs) -> ReviewPeriod:
    return get_object_or_404(ReviewPeriod, code=code)


def _report(request, pk, **_kwargs) -> ReviewReport:
    return get_object_or_404(ReviewReport.objects.select_related("period"), pk=pk)


@require_POST
@requires("reviews.add_reviewreport", obj=_period)
def report_request(request, code, target: ReviewPeriod):
    try:
        report = reports.request_report(period=target, grouping=request.POST.get("group_by",
                                                                                 "current"),
                                        acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reviews:period_detail", code=target.code)
    messages.success(request, _("Đã đưa báo cáo vào hàng chờ lập; tiến độ hiện bên dưới."))
    return redirect(reverse("reviews:period_detail", args=[target.code])
                    + f"?group_by={report.grouping}&bao_cao={report.pk}#report-{report.pk}")


@requires("reviews.view_reviewreport", obj=_report)
def report_status(request, pk, target: ReviewReport):
    return render(request, "reviews/_report_status.html", {"report": target})


@requires("reviews.view_reviewreport", obj=_report)
def report_download(request, pk, fmt, target: ReviewReport):
    if fmt not in CONTENT_TYPES or target.state != ReportState.DONE:
        raise Http404
    stored = getattr(target, fmt)
    if not stored:
        raise Http404
    day = timezone.localtime(target.finished_at or target.requested_at)
    stem = slugify(f"bao-cao-{target.period.code}-{day:%Y%m%d-%H%M}") or "bao-cao"
    return private.download(stored, filename=f"{stem}.{fmt}", content_type=CONTENT_TYPES[fmt])
