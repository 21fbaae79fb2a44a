"""Two-factor sign-in: the one place that decides who must have a second factor, whether a user
has one, whether this session passed it, and every change to a user's second factor.

The second factor is a TOTP app (django-otp's ``TOTPDevice``, the QR code drawn here with segno)
plus ten single-use recovery codes (one ``StaticDevice`` with ten ``StaticToken``). Superusers and
the roles in ``settings.MFA_REQUIRED_ROLES`` must enrol before they can do anything else
(``accounts.middleware.SecondFactorMiddleware``); everyone else may, from "Bảo mật tài khoản".

Wrong codes count on the user's TOTP device (django-otp's throttling fields): after
``MFA_FAILURE_LIMIT`` in a row the second-factor step refuses every code, right or wrong, for
``MFA_COOLDOWN_SECONDS`` after the latest failure; the lock is in the change log.

Every change is a service taking ``acting_user``, checked with rules and written to the log.
"""

from base64 import b32encode
from dataclasses import dataclass

import django_otp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã khôi phục"
VERB_LOCKED = "mfa_locked"


def required_roles() -> frozenset[str]:
    """The roles whose members must have a second factor (declared once, in settings)."""
    return frozenset(settings.MFA_REQUIRED_ROLES)


# --- reads -------------------------------------------------------------------------------------

def required_for(user) -> bool:
    """Must ``user`` pass a second factor? Superusers and members of the required roles."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or roles.has_role(user, *required_roles())


def totp_device(user, *, confirmed: bool | None = True) -> TOTPDevice | None:
    if not getattr(user, "pk", None):
        return None
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-pk").first()


def enrolled(user) -> bool:
    """Has ``user`` a confirmed TOTP device?"""
    return totp_device(user) is not None


def verified(request) -> bool:
    """Did this session pass the second factor (django-otp's ``user.is_verified()``)?"""
    user = getattr(request, "user", None)
    is_verified = getattr(user, "is_verified", None)
    return bool(user is not None and user.is_authenticated and is_verified and is_verified())


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into the app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, drawn here (no outside service)."""
    import segno

    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("Mã QR để thêm vào ứng dụng xác thực"))


@dataclass(frozen=True)
class Lock:
    failures: int
    seconds_left: int


def lock_of(user) -> Lock | None:
    """The second-factor lock-out in force for ``user``, if any."""
    device = totp_device(user)
    if device is None or device.throttling_failure_count < settings.MFA_FAILURE_LIMIT:
        return None
    last = device.throttling_failure_timestamp
    if last is None:
        return None
    left = settings.MFA_COOLDOWN_SECONDS - (timezone.now() - last).total_seconds()
    if left <= 0:
        return None
    return Lock(device.throttling_failure_count, int(left + 0.999))


def locked_message(lock: Lock) -> str:
    minutes = max(1, (lock.seconds_left + 59) // 60)
    return _("Đã nhập sai mã xác thực %(failures)s lần liên tiếp. Bước xác thực hai lớp tạm khóa; "
             "hãy thử lại sau %(minutes)s phút.") % {"failures": lock.failures,
                                                      "minutes": minutes}


def _clean_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


# --- sign-in -----------------------------------------------------------------------------------

def verify(request, code: str) -> bool:
    """The second-factor step of sign-in: a 6-digit code from the app, or a recovery code
    (used up). On success the session is verified (``django_otp.login``). Raises
    ``DomainError`` with the Vietnamese reason when the code is wrong or the step is locked."""
    user = request.user
    cleaned = _clean_code(code)
    refusal = None  # raised after the transaction, so that the counted failure stays counted
    with transaction.atomic():
        totp = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True) \
            .order_by("-pk").first()
        lock = lock_of(user) if totp is not None else None
        device = None
        if totp is None:
            refusal = _("Tài khoản chưa đăng ký xác thực hai lớp.")
        elif lock is not None:
            refusal = locked_message(lock)
        else:
            if totp.throttling_failure_count >= settings.MFA_FAILURE_LIMIT:
                totp.throttle_reset(commit=True)  # the cool-down is over: a fresh start
            if cleaned.isdigit() and len(cleaned) == totp.digits:
                device = totp if totp.verify_token(cleaned) else None  # counts its failure
            else:
                device = next((static for static in StaticDevice.objects.filter(
                    user=user, confirmed=True) if cleaned and static.verify_token(cleaned)), None)
                if device is None:
                    totp.throttle_increment(commit=True)
                else:
                    totp.throttle_reset(commit=True)
            if device is None:
                totp.refresh_from_db()
                if totp.throttling_failure_count >= settings.MFA_FAILURE_LIMIT:
                    log.record(actor=user, action=Action.UPDATE, obj=_unwrap(user),
                               verb=VERB_LOCKED,
                               after={"second_factor": _("tạm khóa sau %(n)s lần nhập sai mã")
                                      % {"n": totp.throttling_failure_count}})
                    refusal = locked_message(lock_of(user))
                else:
                    refusal = _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện "
                                "trong ứng dụng, hoặc một mã khôi phục chưa dùng.")
    if refusal is not None:
        raise DomainError(refusal, field="code")
    django_otp.login(request, device)
    return True


# --- services ----------------------------------------------------------------------------------

def can_enrol(user) -> bool:
    return not enrolled(user)


def can_regenerate(user) -> bool:
    return enrolled(user)


def can_disable(user) -> bool:
    """Only a second factor chosen freely can be turned off by its owner."""
    return enrolled(user) and not required_for(user)


def allowed(user, permission: str, *, by=None) -> bool:
    """May ``by`` (default: ``user`` themself) do ``permission`` to ``user``'s second factor
    now? The services' own check, for views and templates."""
    try:
        _check(by or user, permission, user)
    except NotAllowed:
        return False
    return True


_STATE = {"accounts.enrol_second_factor": can_enrol,
          "accounts.regenerate_recovery_codes": can_regenerate,
          "accounts.disable_second_factor": can_disable}


def _unwrap(user):
    """``request.user`` is a lazy wrapper (django-otp's middleware); the log needs the model."""
    from django.utils.functional import SimpleLazyObject, empty

    while isinstance(user, SimpleLazyObject):  # django-otp's wraps Django's own
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def _check(acting_user, permission: str, user) -> None:
    """One's own second factor is one's own alone — a superuser's blanket permissions do not
    reach it (the administrator resets, never enrols for someone); the state must fit too."""
    own = permission != "accounts.reset_second_factor"
    if (own and getattr(acting_user, "pk", None) != user.pk) \
            or not acting_user.has_perm(permission, user):
        raise NotAllowed(_("Bạn không có quyền thay đổi xác thực hai lớp của tài khoản này."))
    state = _STATE.get(permission)
    if state is not None and not state(user):
        raise NotAllowed(_("Thao tác này không áp dụng cho trạng thái xác thực hai lớp hiện tại "
                           "của tài khoản."))


def start_enrolment(*, user, acting_user) -> TOTPDevice:
    """A new unconfirmed TOTP device for ``user`` (an earlier unconfirmed one is replaced)."""
    _check(acting_user, "accounts.enrol_second_factor", user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
        log.record(actor=acting_user, action=Action.UPDATE, obj=_unwrap(user), verb="mfa_start",
                   after={"second_factor": _("bắt đầu đăng ký")})
    return device


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in sorted(codes)])
    return [f"{c[:4]}-{c[4:]}" for c in sorted(codes)]


def confirm_enrolment(*, user, code: str, acting_user, request=None) -> list[str]:
    """Confirm the pending TOTP device with a code from the app; returns the ten recovery codes,
    to be shown once. With ``request`` the session counts as verified at once."""
    _check(acting_user, "accounts.manage_own_second_factor", user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(
            user=user, confirmed=False).order_by("-pk").first()
        if device is None:
            raise DomainError(_("Chưa bắt đầu đăng ký xác thực hai lớp, hoặc đã đăng ký xong."))
        cleaned = _clean_code(code)
        if not (cleaned.isdigit() and len(cleaned) == device.digits
                and device.verify_token(cleaned)):
            raise DomainError(_("Mã xác thực không đúng. Hãy nhập mã 6 chữ số đang hiện trong "
                                "ứng dụng (mã đổi sau mỗi 30 giây)."), field="code")
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        log.record(actor=acting_user, action=Action.UPDATE, obj=_unwrap(user), verb="mfa_enrol",
                   after={"second_factor": _("đã đăng ký"),
                          "recovery_codes": RECOVERY_CODE_COUNT})
    if request is not None:
        django_otp.login(request, device)
    return codes


def regenerate_recovery_codes(*, user, acting_user) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    _check(acting_user, "accounts.regenerate_recovery_codes", user)
    with transaction.atomic():
        left = recovery_codes_left(user)
        codes = _new_recovery_codes(user)
        log.record(actor=acting_user, action=Action.UPDATE, obj=_unwrap(user), verb="mfa_recovery_codes",
                   before={"recovery_codes": left}, after={"recovery_codes": RECOVERY_CODE_COUNT})
    return codes


def _remove_devices(user) -> int:
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return removed


def disable(*, user, acting_user) -> None:
    """Turn off one's own second factor — refused when one's role requires it."""
    _check(acting_user, "accounts.disable_second_factor", user)
    with transaction.atomic():
        _remove_devices(user)
        log.record(actor=acting_user, action=Action.UPDATE, obj=_unwrap(user), verb="mfa_disable",
                   before={"second_factor": _("đã đăng ký")},
                   after={"second_factor": _("đã tắt")})


def reset_devices(*, user, acting_user) -> int:
    """An administrator removes every second-factor device of ``user`` (a lost phone): a user
    whose role requires it enrols again at the next sign-in. Returns the rows removed."""
    _check(acting_user, "accounts.reset_second_factor", user)
    with transaction.atomic():
        had = enrolled(user)
        removed = _remove_devices(user)
        log.record(actor=acting_user, action=Action.UPDATE, obj=_unwrap(user), verb="mfa_reset",
                   before={"second_factor": _("đã đăng ký") if had else _("chưa đăng ký")},
                   after={"second_factor": _("đã đặt lại")})
    return removed
