"""What every app's ``api.py`` uses: routers whose operations read with a token by default,
the write-scope auth, and the permission/404 helpers that give the web's answers.

    from api.kit import Router, write, visible_or_404, require

    router = Router(tags=["Đơn vị"])

    @router.get("/", response=list[UnitOut])
    @paginate
    def units(request, filters: Query[UnitFilter]): ...
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router as NinjaRouter
from ninja.pagination import paginate as ninja_paginate

from api.auth import read, write  # noqa: F401  (re-exported)
from api.errors import Error
from api.pagination import Paginated

# The error answers every operation may give, for the OpenAPI document.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error, 429: Error}
READ_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


class Router(NinjaRouter):
    def __init__(self, **kwargs):
        kwargs.setdefault("auth", read)
        super().__init__(**kwargs)


def paginate(func):
    return ninja_paginate(Paginated)(func)


def visible_or_404(queryset, pk):
    """The object with ``pk`` among those the user may see (a selector's queryset), else 404 —
    the same answer whether it does not exist or belongs to somebody else's unit."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404 from error


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
