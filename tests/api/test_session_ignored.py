"""The API answers to a Bearer token only: a browser session on /api/v1/ neither grants access
nor is sent to the second-factor step (the docs page's "Try it out" carries the cookie)."""

import pytest

from tests.api.helpers import call, token_for
from tests.mfa import sign_in_unverified
from tests.world import world  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_a_session_is_no_api_credential(client, world):  # noqa: F811
    client.force_login(world.users["standing"])  # verified session, no token
    response = call(client, "GET", "/units/")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Cần khóa API hợp lệ")


@pytest.mark.django_db
def test_unverified_session_does_not_redirect_a_token_call(client, world):  # noqa: F811
    sign_in_unverified(client, world.users["standing"])  # password only, second factor pending
    token = token_for(world.users["officer_a"])
    response = call(client, "GET", "/units/", token)
    assert response.status_code == 200
    ids = {u["id"] for u in response.json()["results"]}
    assert world.unit_a.pk in ids and world.unit_b.pk not in ids  # the token's owner, not the session's
