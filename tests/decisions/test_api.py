"""The decisions API: draft, stale edit (409), issue (number), immutability, revoke."""

import pytest

from tests.api.helpers import call, token_for
from tests.decisions.helpers import authority, passed_items
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_draft_issue_revoke_over_the_api(client, world):  # noqa: F811
    authority()
    items = passed_items(world, 2)
    token = token_for(world.users["standing"], scopes="read,write")
    made = call(client, "POST", "/decisions/", token, {
        "authority": "ct-ubnd-tinh", "items": [i.pk for i in items],
        "signer_name": "Lê Văn Lương"})
    assert made.status_code == 200, made.content
    body = made.json()
    assert body["state"] == "draft" and body["reference"] == "" and len(body["entries"]) == 2
    pk = body["id"]
    assert call(client, "PATCH", f"/decisions/{pk}", token,
                {"version": 99, "subject": "Khác"}).status_code == 409
    bad = call(client, "POST", "/decisions/", token, {"authority": "khong-co", "items": [1]})
    assert bad.status_code == 404
    again = call(client, "POST", "/decisions/", token,
                 {"authority": "ct-ubnd-tinh", "items": [items[0].pk]})
    assert again.status_code == 400 and "quyết định khác" in again.json()["detail"]
    issued = call(client, "POST", f"/decisions/{pk}/issue", token, {"issued_on": "2026-11-20"})
    assert issued.status_code == 200 and issued.json()["reference"] == "1/QĐ-UBND"
    assert all(e["award_record_id"] for e in issued.json()["entries"])
    assert call(client, "PATCH", f"/decisions/{pk}", token,
                {"version": issued.json()["version"], "subject": "Khác"}).status_code == 403
    officer = token_for(world.users["officer_a"])
    assert call(client, "GET", f"/decisions/{pk}", officer).status_code == 200
    revoked = call(client, "POST", f"/decisions/{pk}/revoke", token,
                   {"reason": "Kê khai không trung thực", "legal_basis": "Điều 94"})
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
