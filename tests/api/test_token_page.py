"""The page "Khóa API" as its users meet it: a token is shown once, stored as a digest, works
on the API with its owner's scope, and stops working when revoked; no second factor, no token."""

import re

import pytest
from django.urls import reverse

from api.models import ApiToken
from audit.models import AuditEvent
from tests.api.helpers import call
from tests.world import world  # noqa: F401  (fixture)

TOKEN = re.compile(r"dh_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}")


@pytest.mark.django_db
def test_enrolled_user_creates_token_shown_once_and_uses_it(client, world):  # noqa: F811
    user = world.users["officer_b"]  # chose a second factor (tests/world.py)
    client.force_login(user)
    response = client.post(reverse("api_tokens:create"),
                           {"name": "Cổng thông tin tỉnh", "scope": "read", "days": "7"})
    assert response.status_code == 200
    page = response.content.decode()
    shown = TOKEN.findall(page)
    assert len(shown) == 1
    whole = shown[0]
    token = ApiToken.objects.get(user=user)
    assert token.name == "Cổng thông tin tỉnh" and token.scopes == "read"
    assert whole not in str(list(ApiToken.objects.values_list()))  # only a digest is stored
    assert AuditEvent.objects.filter(object_id=str(token.pk), action="create").exists()
    # the list shows the prefix only, never the whole token again
    listing = client.get(reverse("api_tokens:list")).content.decode()
    assert whole not in listing and f"dh_{token.prefix}_…" in listing
    # it works on the API with the owner's scope: reads yes, writes no
    assert call(client, "GET", "/units/", whole).status_code == 200
    refused = call(client, "POST", "/registrations/", whole, {"campaign": world.campaign.pk})
    assert refused.status_code == 403 and "chỉ có quyền đọc" in refused.json()["detail"]


@pytest.mark.django_db
def test_revoked_token_stops_working(client, world):  # noqa: F811
    user = world.users["officer_b"]
    client.force_login(user)
    page = client.post(reverse("api_tokens:create"),
                       {"name": "Tập lệnh", "scope": "write", "days": "30"}).content.decode()
    whole = TOKEN.findall(page)[0]
    token = ApiToken.objects.get(user=user)
    assert token.scopes == "read,write"
    assert call(client, "GET", "/units/", whole).status_code == 200
    client.post(reverse("api_tokens:revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = call(client, "GET", "/units/", whole)
    assert response.status_code == 401 and response.json()["detail"]


@pytest.mark.django_db
def test_no_token_without_a_second_factor(client, world):  # noqa: F811
    user = world.users["officer_a"]  # no second factor
    client.force_login(user)
    page = client.get(reverse("api_tokens:list")).content.decode()
    assert "hãy bật xác thực hai lớp" in page
    response = client.post(reverse("api_tokens:create"),
                           {"name": "Cổng", "scope": "read", "days": "7"})
    assert response.status_code == 403
    assert "Hãy bật xác thực hai lớp trước khi tạo khóa API." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_someone_elses_token_cannot_be_revoked(client, world):  # noqa: F811
    from accounts.system import system_actor
    from api.models import Origin
    from api.services import issue_token

    token, _whole = issue_token(owner=world.users["officer_a"], name="Cổng", scopes="read", days=1,
                                acting_user=system_actor(), origin=Origin.COMMAND)
    client.force_login(world.users["officer_b"])
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_bad_lifetime_is_a_form_error_and_creates_nothing(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    response = client.post(reverse("api_tokens:create"), {"name": "Cổng", "scope": "read",
                                                          "days": "9999"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
