"""Access declarations for views: every view says who may reach it, or it is refused.

``DenyByDefaultMiddleware`` refuses any view that carries no declaration, so a new URL cannot
be reached until its access is declared here — and the URL × role test (tests/test_url_access.py)
fails until its expected outcomes are listed there too.

    @requires("registry.view_registration", obj=registration_from_url)
    def registration_detail(request, pk): ...
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

ObjectGetter = Callable[..., Any]


@dataclass(frozen=True)
class Access:
    public: bool = False
    permission: str | None = None  # None with public=False: any signed-in user


def _declare(view: Callable, access: Access) -> Callable:
    view.access = access  # type: ignore[attr-defined]  # read by the middleware and the URL test
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not (login page, language switch)."""
    return _declare(view, Access(public=True))


def signed_in(view: Callable) -> Callable:
    """Any signed-in user; what the page shows is still scoped by selectors."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapper, Access())


def requires(permission: str, *, obj: ObjectGetter | None = None) -> Callable:
    """A rules permission, checked against the object ``obj(request, **kwargs)`` returns.

    The getter loads the object (404 when missing) and the view receives it as ``target``.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = obj(request, **kwargs) if obj else None
            if not request.user.has_perm(permission, target):
                raise PermissionDenied
            if obj is not None:
                kwargs["target"] = target
            return view(request, *args, **kwargs)

        return _declare(wrapper, Access(permission=permission))

    return decorator


def declaration_of(view: Callable) -> Access | None:
    if hasattr(view, "access"):
        return view.access
    view_class = getattr(view, "view_class", None)
    return getattr(view_class, "access", None)
