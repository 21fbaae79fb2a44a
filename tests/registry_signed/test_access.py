"""The signed-form URLs × every role: the same outcomes the project-wide URL test lists."""

import pytest
from django.urls import reverse

from tests.registry_signed.pdfs import stored_signed_form
from tests.test_url_access import ANON_LOGIN, PROVINCE, only
from tests.world import ROLES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.registry_signed.urls")]

# The lines for tests/test_url_access.py ACCESS once registry/urls.py includes these routes.
SIGNED_ACCESS = {
    "registry:signed_form_list": ("get", lambda w: {"pk": w.registration_a.pk},
                                  only("national", "officer_a", "head_a", *PROVINCE)),
    "registry:signed_form_upload": ("post", lambda w: {"pk": w.registration_a.pk},
                                    only("head_a", "admin", ok=302)),
    "registry:signed_form_download": (
        "get", lambda w: {"pk": w.registration_a.pk,
                          "form_id": stored_signed_form(w.registration_a).pk},
        only("national", "officer_a", "head_a", *PROVINCE),
    ),
}


@pytest.mark.parametrize("name", sorted(SIGNED_ACCESS))
def test_signed_routes_per_role(client, world, name):
    method, kwargs, expected = SIGNED_ACCESS[name]
    url = reverse(name, kwargs=kwargs(world))
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        response = getattr(client, method)(url)
        if expected[role] == ANON_LOGIN:
            assert response.status_code == 302, (name, role)
            assert reverse("accounts:login") in response["Location"], (name, role)
        else:
            assert response.status_code == expected[role], (name, role, response.status_code)
