"""The lock-out behind a proxy: keyed on username + the real client address, so an attacker
cannot lock a user out from everywhere; a per-account cool-down slows spread-out guessing."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.world import world  # noqa: F401  (fixture)

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 1  # the documented nginx in front


def _login(client, username, password, client_address, proxy="127.0.0.1"):
    """A login as nginx forwards it: the socket is the proxy, the client is in X-Forwarded-For."""
    client.logout()
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=client_address)


def _signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


@pytest.mark.django_db
def test_five_wrong_passwords_from_one_address_do_not_lock_the_user_out_elsewhere(client, world, axes_on):  # noqa: F811
    username = world.users["standing"].username
    for _ in range(5):
        _login(client, username, "sai-mat-khau", "203.0.113.9")
    # the attacker's address is locked out, even with the right password …
    locked = _login(client, username, PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # … but the real user, from the office, signs in at once
    assert _signed_in(_login(client, username, PASSWORD, "198.51.100.20"))


@pytest.mark.django_db
def test_a_forged_forwarded_for_cannot_choose_the_address(client, world, axes_on):  # noqa: F811
    username = world.users["officer_a"].username
    for n in range(5):  # the attacker writes a new address each time; nginx appends the real one
        _login(client, username, "sai-mat-khau", f"10.9.9.{n}, 203.0.113.9")
    assert _login(client, username, PASSWORD, "10.9.9.99, 203.0.113.9").status_code == 429
    assert _signed_in(_login(client, username, PASSWORD, "198.51.100.20"))


def test_client_address_counts_proxies_from_the_right(rf, settings):
    from accounts.client_address import client_address

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"  # no proxy: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "1.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: not trusted
    assert client_address(request) == "127.0.0.1"
    bad = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(bad) == "127.0.0.1"


@pytest.mark.django_db
def test_failures_from_many_addresses_bring_a_short_cool_down_not_a_lock(client, world, axes_on, settings):  # noqa: F811
    from axes.models import AccessAttempt

    settings.LOGIN_ACCOUNT_THROTTLE_AFTER = 10
    settings.LOGIN_ACCOUNT_COOLDOWN_SECONDS = 10
    username = world.users["standing"].username
    for n in range(10):
        _login(client, username, "sai-mat-khau", f"203.0.113.{n}")
    waiting = _login(client, username, PASSWORD, "198.51.100.20")
    assert waiting.status_code == 200
    assert "Hãy chờ" in waiting.content.decode()
    assert AccessAttempt.objects.filter(ip_address="198.51.100.20").count() == 0  # not a failure
    # eleven seconds later (time travel: the failures moved into the past) the user gets in
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(seconds=11))
    assert _signed_in(_login(client, username, PASSWORD, "198.51.100.20"))
