"""The review report on the web: request one (POST, standing office), its status with a
progress bar (polled by htmx while the worker runs), download the DOCX or the XLSX.
(Filled in by the report work.)"""

from django.http import Http404

from accounts.access import requires


@requires("reviews.add_reviewreport")
def report_request(request, code):
    raise Http404


@requires("reviews.view_reviewreport")
def report_status(request, pk):
    raise Http404


@requires("reviews.view_reviewreport")
def report_download(request, pk, fmt):
    raise Http404
