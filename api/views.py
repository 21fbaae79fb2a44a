"""The answer under /api/v1/ to a path no operation has: the API's JSON 404, not a web page."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from accounts.access import public


@public
def not_found(request, rest: str = ""):
    return JsonResponse({"detail": _("Không có địa chỉ này trong API; xem /api/v1/docs."),
                         "errors": []}, status=404, json_dumps_params={"ensure_ascii": False})
