"""Every page and export seen signed in carries ``Cache-Control: no-store``."""

import pytest
from django.urls import reverse

from tests.test_url_access import ACCESS, GET_ROUTES, SIGNED_IN
from tests.world import world  # noqa: F401  (fixture)


def _first_allowed(expected: dict) -> str:
    for role in SIGNED_IN:
        if expected[role] == 200:
            return role
    return SIGNED_IN[0]


@pytest.mark.django_db
@pytest.mark.parametrize("name", GET_ROUTES)
def test_signed_in_get_is_not_stored(client, world, name):  # noqa: F811
    spec = ACCESS[name].get
    role = _first_allowed(spec.expected)
    client.force_login(world.users[role])
    response = client.get(reverse(name, kwargs=spec.kwargs(world)))
    assert "no-store" in response.get("Cache-Control", ""), (name, role, response.status_code)
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_refused_pages_are_not_stored_either(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    response = client.get(reverse("registry:registration_detail", kwargs={"pk": world.registration_a.pk}))
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
