from functools import wraps

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accounts.access import public, requires, signed_in
from accounts.forms import LoginForm

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout = public(require_POST(auth_views.LogoutView.as_view()))
password_change = signed_in(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("home")
    )
)


@signed_in
def notifications(request):
    """The user's in-app notices; opening the page marks them read."""
    from django.shortcuts import render
    from django.utils import timezone

    items = list(request.user.notifications.order_by("-created_at")[:100])
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "accounts/notifications.html", {"items": items})


# --- two-factor sign-in (accounts/mfa.py decides; these pages only ask and show) ---------------

def own_second_factor(permission: str):
    """The signed-in user's own second factor, when its state allows ``permission``
    (``accounts.mfa`` decides; a superuser's blanket permissions do not count here)."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, target, **kwargs):
            from django.core.exceptions import PermissionDenied

            from accounts import mfa

            if not mfa.allowed(target, permission):
                raise PermissionDenied
            return view(request, *args, target=target, **kwargs)

        return requires(permission, obj=lambda request, **kwargs: request.user)(checked)

    return decorator


def _next_url(request) -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.utils.http import url_has_allowed_host_and_scheme

    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@signed_in
def mfa_verify(request):
    """The second step of sign-in: a code from the app or a recovery code."""
    from django.shortcuts import redirect, render

    from accounts import mfa
    from core.errors import DomainError

    if mfa.verified(request) or not mfa.enrolled(request.user):
        return redirect(_next_url(request))
    error = ""
    if request.method == "POST":
        try:
            mfa.verify(request, request.POST.get("code", ""))
        except DomainError as refused:
            error = refused.message
        else:
            return redirect(_next_url(request))
    lock = mfa.lock_of(request.user)
    return render(request, "accounts/mfa_verify.html", {
        "error": error or (mfa.locked_message(lock) if lock else ""),
        "next": _next_url(request)}, status=200)


@own_second_factor("accounts.enrol_second_factor")
def mfa_enrol(request, target):
    """Enrolment: start (a new key), scan the QR code or type the key, confirm with a code; the
    ten recovery codes are shown once on the answer."""
    from django.shortcuts import redirect, render

    from accounts import mfa
    from core.errors import DomainError

    error = ""
    if request.method == "POST" and request.POST.get("action") == "start":
        mfa.start_enrolment(user=target, acting_user=request.user)
        return redirect(f"{request.path}?{_keep_next(request)}")
    if request.method == "POST":
        try:
            codes = mfa.confirm_enrolment(user=target, code=request.POST.get("code", ""),
                                          acting_user=request.user, request=request)
        except DomainError as refused:
            error = refused.message
        else:
            return render(request, "accounts/mfa_recovery_codes.html",
                          {"codes": codes, "next": _next_url(request), "first": True})
    device = mfa.totp_device(target, confirmed=False)
    context = {"required": mfa.required_for(target), "device": device, "error": error,
               "next": _next_url(request)}
    if device is not None:
        context |= {"qr": mfa.qr_svg(device), "secret": mfa.secret_text(device)}
    return render(request, "accounts/mfa_enrol.html", context)


def _keep_next(request) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": _next_url(request)})


@signed_in
def security(request):
    """"Bảo mật tài khoản": the user's second factor, recovery codes left, what they may do."""
    from django.shortcuts import render

    from accounts import mfa

    user = request.user
    return render(request, "accounts/security.html", {
        "enrolled": mfa.enrolled(user), "required": mfa.required_for(user),
        "codes_left": mfa.recovery_codes_left(user),
        "can_disable": mfa.allowed(user, "accounts.disable_second_factor")})


@require_POST
@own_second_factor("accounts.regenerate_recovery_codes")
def mfa_recovery_codes(request, target):
    from django.shortcuts import render

    from accounts import mfa

    codes = mfa.regenerate_recovery_codes(user=target, acting_user=request.user)
    return render(request, "accounts/mfa_recovery_codes.html",
                  {"codes": codes, "next": _next_url(request), "first": False})


@require_POST
@own_second_factor("accounts.disable_second_factor")
def mfa_disable(request, target):
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from accounts import mfa

    mfa.disable(user=target, acting_user=request.user)
    messages.success(request, _("Đã tắt xác thực hai lớp cho tài khoản của bạn."))
    return redirect("accounts:security")
