"""Background exports on the web: a job's status with its progress bar (polled by htmx while
the worker writes), the download when it is done, "Lập lại" for a failed one, and the list of
the user's files being prepared or ready."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires, signed_in
from core.errors import DomainError
from exports import kinds, selectors, services
from exports.models import JobState
from uploads import private


def _job(request, pk, **_kwargs):
    """The kept job ``pk`` (404 when missing or past its day); somebody else's is refused —
    the administrator included: a file is its requester's alone."""
    job = selectors.kept_job(pk)
    if job is None:
        raise Http404
    if job.requested_by_id != request.user.pk:
        raise PermissionDenied(_("Tệp này do người khác yêu cầu; chỉ người yêu cầu tải được."))
    return job


def _entries(jobs) -> list[dict]:
    out = []
    for job in jobs:
        found = kinds.get(job.kind)
        out.append({"job": job, "label": found.label if found else job.kind})
    return out


@signed_in
def job_list(request):
    return render(request, "exports/job_list.html",
                  {"entries": _entries(selectors.recent_jobs(request.user))})


@requires("exports.view_exportjob", obj=_job)
def job_status(request, pk, target):
    found = kinds.get(target.kind)
    context = {"job": target, "label": found.label if found else target.kind,
               "back_url": found.back_url(target.params) if found and found.back_url else ""}
    if getattr(request, "htmx", False):
        return render(request, "exports/_job_status.html", context)
    others = [e for e in _entries(selectors.recent_jobs(request.user)) if e["job"].pk != target.pk]
    return render(request, "exports/job_status.html", {**context, "entries": others})


@requires("exports.view_exportjob", obj=_job)
def job_download(request, pk, target):
    if target.state != JobState.DONE or not target.file:
        raise Http404
    return private.download(target.file, filename=target.filename,
                            content_type=kinds.CONTENT_TYPES.get(target.fmt,
                                                                 "application/octet-stream"))


@require_POST
@requires("exports.retry_exportjob", obj=_job)
def job_retry(request, pk, target):
    try:
        job = services.retry_export(job=target, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(target)
    messages.success(request, _("Đã đưa tệp vào hàng chờ lập lại; tiến độ hiện bên dưới."))
    return redirect(job)
