import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accounts.access import declaration_of
from accounts.models import WIDE_ROLES
from accounts.roles import has_role

# Areas with their own access control: Django's admin (staff only) and the REST API (every
# operation declares its token auth; tests/api/test_api_access.py checks each one).
_SELF_GUARDED_NAMESPACES = {"admin", "api"}

LAST_SEEN_KEY = "dienhinh_last_seen"
_TOUCH_EVERY = 60  # seconds: the session row is written at most once a minute per user


class DenyByDefaultMiddleware:
    """Refuse every view that does not declare its access (see ``accounts.access``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is not None and _SELF_GUARDED_NAMESPACES & set(match.namespaces):
            return None
        if declaration_of(view_func) is None:
            raise PermissionDenied(_("Trang này chưa được mở cho người dùng."))
        return None


def idle_timeout_for(user) -> int:
    """Seconds of inactivity after which ``user`` is signed out: short for province-wide roles."""
    if getattr(user, "is_superuser", False) or has_role(user, *WIDE_ROLES):
        return settings.IDLE_TIMEOUT_PRIVILEGED
    return settings.IDLE_TIMEOUT_DEFAULT


def now() -> int:
    return int(time.time())


class IdleTimeoutMiddleware:
    """Sign out a user who has been inactive longer than their role allows; the login page
    says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            current = now()
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle = current - last_seen if last_seen is not None else 0
            shortest = min(settings.IDLE_TIMEOUT_PRIVILEGED, settings.IDLE_TIMEOUT_DEFAULT)
            limit = idle_timeout_for(user) if idle > shortest else None  # roles read only then
            if limit is not None and idle > limit:
                logout(request)
                messages.warning(
                    request,
                    _("Phiên làm việc đã kết thúc vì không hoạt động quá %(minutes)s phút. "
                      "Hãy đăng nhập lại.") % {"minutes": limit // 60},
                )
                target = redirect_to_login(request.get_full_path())
                if getattr(request, "htmx", False):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = target["Location"]
                    return response
                return target
            if last_seen is None or current - last_seen >= _TOUCH_EVERY:
                request.session[LAST_SEEN_KEY] = current
        return self.get_response(request)


def mark_active(sender, request, user, **kwargs):
    """On sign-in (``user_logged_in``): the idle clock starts now, without a write later."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = now()


class NoStoreForSignedInMiddleware:
    """Pages and exports seen signed in carry personal data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


# Reachable before the second factor is passed: its own pages, signing out, the language switch.
SECOND_FACTOR_OPEN = {"accounts:mfa_verify", "accounts:mfa_enrol", "accounts:logout",
                      "set_language"}


class SecondFactorMiddleware:
    """A signed-in user who must pass a second factor and has not yet in this session — one
    whose role requires it (``accounts.mfa.required_for``) or who enrolled by choice — reaches
    nothing but the enrolment or verification page, signing out and the language switch: every
    other page, the admin included, GET or POST, is sent there (htmx: ``HX-Redirect``) before
    its view runs. Static files are served before this; error pages are no views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from accounts import mfa

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or mfa.verified(request):
            request.second_factor_pending = False
            return None
        if request.path_info.startswith("/api/"):
            # the REST API ignores the session: it answers to a Bearer token only (created by an
            # enrolled user), so a browser's cookie on /api/v1/docs must not be redirected
            request.second_factor_pending = False
            return None
        has_device = mfa.enrolled(user)
        if not has_device and not mfa.required_for(user):
            request.second_factor_pending = False
            return None
        request.second_factor_pending = True
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in SECOND_FACTOR_OPEN:
            return None
        target = reverse("accounts:mfa_verify" if has_device else "accounts:mfa_enrol")
        if request.method == "GET" and not getattr(request, "htmx", False):
            target += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
