"""Per-account soft throttle: a short cool-down after many failures, never a lock.

The lock-out (django-axes) is keyed on username + client address, so wrong passwords from one
place cannot lock the account out from another. To still slow down guessing spread over many
addresses, once an account has ``LOGIN_ACCOUNT_THROTTLE_AFTER`` failures from anywhere within
the window, an attempt for it made less than ``LOGIN_ACCOUNT_COOLDOWN_SECONDS`` after the latest
failure is refused before the password is even checked (no hashing cost, not counted as a
failure, so it does not prolong anything). The real user waits a few seconds at most.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


def cooldown_remaining(username: str) -> int:
    """Seconds the next attempt for ``username`` must still wait (0: go ahead)."""
    if not username or not getattr(settings, "AXES_ENABLED", True):
        return 0
    from axes.models import AccessAttempt

    now = timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username,
        attempt_time__gte=now - timedelta(seconds=settings.LOGIN_ACCOUNT_THROTTLE_WINDOW_SECONDS),
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (recent["failures"] or 0) < settings.LOGIN_ACCOUNT_THROTTLE_AFTER:
        return 0
    waited = (now - recent["last"]).total_seconds()
    return max(0, int(settings.LOGIN_ACCOUNT_COOLDOWN_SECONDS - waited + 0.999))
