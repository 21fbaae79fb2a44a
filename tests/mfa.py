"""Second factor in tests: privileged test users are enrolled and their test sessions verified,
in one place, so tests about something else sign in as before.

``install()`` (an autouse fixture in tests/conftest.py) wraps the test client's sign-in
(``Client._login``, behind both ``force_login`` and ``login``): a user who must have a second
factor, or has one, gets a confirmed TOTP device with ``TEST_KEY`` when missing and the session
is marked verified, as ``django_otp.login`` does after a real code. The production middleware is
untouched: a sign-in through the login page (``client.post(login_url)``, a browser) meets it
exactly as a person does; ``sign_in_unverified`` signs in without the second factor.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa

TEST_KEY = "3132333435363738393031323334353637383930"
_original_login = Client._login


def give_device(user) -> TOTPDevice:
    """The user's confirmed TOTP device, created with ``TEST_KEY`` when missing."""
    device = mfa.totp_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="thử", key=TEST_KEY, confirmed=True)
    return device


def code_for(device: TOTPDevice, *, fresh: bool = True) -> str:
    """The current code; ``fresh`` forgets the last code used, so a test signing in twice within
    one 30-second step is not refused as a replay."""
    if fresh:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _login_verified(self, user, backend=None):
    cached = "_dienhinh_grants" in user.__dict__
    needs = mfa.required_for(user) or mfa.enrolled(user)
    if not cached:  # leave the test's user object as it was (its roles are read afresh later)
        user.__dict__.pop("_dienhinh_grants", None)
    _original_login(self, user, backend)
    if needs:  # what django_otp.login writes once a real code is accepted
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = give_device(user).persistent_id
        session.save()


def sign_in_unverified(client, user) -> None:
    """Signed in with the password only: the second factor still to come."""
    _original_login(client, user, "django.contrib.auth.backends.ModelBackend")


def install(monkeypatch) -> None:
    monkeypatch.setattr(Client, "_login", _login_verified)
