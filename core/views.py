"""The error pages (Django's handlers, named in the root URLconf): Vietnamese, in the site's
layout, each saying what happened and what to do next."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _way_back(request) -> str:
    """The page the user came from, when it is on this site (the error page's "back" link)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a disallowed Host header: no link back
        return ""
    return referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={host}) else ""


def bad_request(request, exception=None):
    message = getattr(exception, "message", "") or _("Yêu cầu không hợp lệ.")
    return render(request, "400.html", {"message": message, "back_url": _way_back(request)}, status=400)


def permission_denied(request, exception=None):
    """403; the reason given with ``PermissionDenied("…")`` is shown (views give them in
    Vietnamese: "Biểu đăng ký đã trình thủ trưởng, không sửa được nữa…")."""
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason, "back_url": _way_back(request)}, status=403)


def csrf_failure(request, reason=""):
    return render(
        request, "403.html",
        {"reason": _("Biểu mẫu đã hết hạn hoặc được gửi từ một trang khác. Hãy tải lại trang rồi gửi lại.")},
        status=403,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", {"back_url": _way_back(request)}, status=404)


_BARE_500 = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Lỗi hệ thống · Điển hình tiên tiến</title></head><body>
<h1>Hệ thống đang gặp sự cố</h1>
<p>Yêu cầu của bạn chưa được thực hiện. Hãy thử lại sau ít phút; nếu lỗi còn lặp lại, hãy báo
cho quản trị hệ thống thời điểm xảy ra lỗi.</p><p><a href="/">Về trang chủ</a></p></body></html>"""


def server_error(request):
    """500 in the site's layout; if even that cannot render (database down), a bare page."""
    try:
        return render(request, "500.html", {"back_url": _way_back(request)}, status=500)
    except Exception:  # the layout needs the database (menu, notices): fall back to plain text
        logger.exception("the 500 page could not render in the site's layout")
        return HttpResponseServerError(_BARE_500)
