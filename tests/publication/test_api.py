"""The publications API: prepare, submit, four eyes (the preparer's approval is refused, a
second standing-office user's publishes), stale version 409, the public preview is the
allow-listed record only."""

import pytest

from publication.models import Publication, PublicationState
from publication.public import PUBLIC_KEYS
from tests.api.helpers import call, token_for
from tests.publication import helpers as h
from tests.world import world  # noqa: F401  (fixture)

CONSENT = {"consent_recorded": True, "consent_given_by": "Đặng Thị Mai",
           "consent_on": "2026-03-02", "consent_method": "written"}


@pytest.mark.django_db
def test_four_eyes_over_the_api(client, world):  # noqa: F811
    h.recognise(world.exemplar_a)
    h.private_data(world.exemplar_a)
    mine = token_for(world.users["standing"], "read,write")
    answer = call(client, "POST", "/publications/", mine,
                  {"exemplar_id": world.exemplar_a.pk, "story": "Chị Mai tận tụy.", **CONSENT})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert tuple(body["public_preview"]) == PUBLIC_KEYS
    assert h.ADDRESS not in answer.content.decode()
    pk = body["id"]
    answer = call(client, "POST", f"/publications/{pk}/transitions/submit_publication", mine, {})
    assert answer.json()["state"] == PublicationState.AWAITING_APPROVAL
    answer = call(client, "POST", f"/publications/{pk}/transitions/approve_publication", mine, {})
    assert answer.status_code == 403
    other = token_for(h.second_standing(world), "read,write")
    answer = call(client, "POST", f"/publications/{pk}/transitions/approve_publication", other,
                  {"version": 1})
    assert answer.status_code == 409
    answer = call(client, "POST", f"/publications/{pk}/transitions/approve_publication", other,
                  {})
    assert answer.status_code == 200 and answer.json()["state"] == "published"
    assert Publication.objects.get(pk=pk).approved_by_id != Publication.objects.get(
        pk=pk).prepared_by_id


@pytest.mark.django_db
def test_not_recognised_is_a_clear_refusal(client, world):  # noqa: F811
    token = token_for(world.users["standing"], "read,write")
    answer = call(client, "POST", "/publications/", token,
                  {"exemplar_id": world.exemplar_a.pk, "story": "Chưa.", **CONSENT})
    assert answer.status_code in (400, 422) and "công nhận" in answer.content.decode()
    assert not Publication.objects.exists()
