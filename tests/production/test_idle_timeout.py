"""Sign-out after inactivity: 30 minutes for the province-wide roles, 8 hours for the others."""

import time
from unittest import mock

import pytest
from django.urls import reverse

from accounts.middleware import LAST_SEEN_KEY
from tests.world import world  # noqa: F401  (fixture)

START = {"t0": 0}


@pytest.fixture(autouse=True)
def _clock():
    START["t0"] = 0


def _at(seconds):
    """Time 0 is the test's first request, just after signing in (which starts the idle clock on
    the real one)."""
    if not START["t0"]:
        START["t0"] = int(time.time()) + 1
    return mock.patch("accounts.middleware.now", return_value=START["t0"] + seconds)


def _open_home(client, seconds):
    with _at(seconds):
        return client.get(reverse("accounts:notifications"))


def _signed_out_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["standing", "council", "admin"])
def test_privileged_roles_are_signed_out_after_30_idle_minutes(client, world, role):  # noqa: F811
    client.force_login(world.users[role])
    assert _open_home(client, 0).status_code == 200
    assert _open_home(client, 29 * 60).status_code == 200  # activity resets the clock
    assert _open_home(client, 29 * 60 + 29 * 60).status_code == 200
    response = _open_home(client, 29 * 60 + 29 * 60 + 31 * 60)
    assert _signed_out_to_login(response)
    login_page = client.get(response["Location"])
    assert "Phiên làm việc đã kết thúc vì không hoạt động quá 30 phút" in login_page.content.decode()
    assert _signed_out_to_login(client.get(reverse("accounts:notifications")))  # really signed out


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer_a", "head_a"])
def test_other_roles_keep_their_session_for_a_working_day(client, world, role):  # noqa: F811
    client.force_login(world.users[role])
    assert _open_home(client, 0).status_code == 200
    assert _open_home(client, 31 * 60).status_code == 200  # half an hour away: still signed in
    assert _open_home(client, 31 * 60 + 7 * 3600).status_code == 200
    response = _open_home(client, 31 * 60 + 7 * 3600 + 8 * 3600 + 60)
    assert _signed_out_to_login(response)
    assert "480 phút" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_timeouts_are_settings(client, world, settings):  # noqa: F811
    settings.IDLE_TIMEOUT_DEFAULT = 5 * 60
    client.force_login(world.users["officer_a"])
    _open_home(client, 0)
    assert _signed_out_to_login(_open_home(client, 6 * 60))


@pytest.mark.django_db
def test_a_stale_session_timestamp_signs_out(client, world):  # noqa: F811
    """The same, by editing the session as a browser left open overnight would leave it."""
    client.force_login(world.users["standing"])
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    assert _signed_out_to_login(client.get(reverse("accounts:notifications")))


@pytest.mark.django_db
def test_htmx_requests_are_sent_to_the_login_page_whole(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    _open_home(client, 0)
    with _at(31 * 60):
        response = client.get(reverse("accounts:notifications"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))
