"""The answer to a malformed request (Django's 400 handler, named in the root URLconf)."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def bad_request(request, exception=None):
    message = getattr(exception, "message", "") or _("Yêu cầu không hợp lệ.")
    return render(request, "400.html", {"message": message}, status=400)
