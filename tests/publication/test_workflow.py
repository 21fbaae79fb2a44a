"""Publications: only recognised exemplars; consent for people; four eyes (the preparer never
approves, even as system administrator); unpublishing is immediate; refusals change nothing."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.errors import DomainError, NotAllowed, StaleVersion
from publication import services
from publication.models import Publication, PublicationState
from tests.db_state import differences, snapshot
from tests.publication import helpers as h
from tests.world import world  # noqa: F401  (fixture)


def _prepare(w, exemplar=None, user=None, **consent):
    return services.prepare_publication(exemplar=exemplar or w.exemplar_a,
                                        story="Câu chuyện điển hình.",
                                        acting_user=user or w.users["standing"], **consent)


@pytest.mark.django_db
def test_only_recognised_exemplars_are_prepared(world):  # noqa: F811
    before = snapshot()
    with pytest.raises(DomainError, match="đã được công nhận"):
        _prepare(world)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer_a", "head_a", "officer_b", "council"])
def test_other_roles_cannot_prepare(world, role):  # noqa: F811
    h.recognise(world.exemplar_a)
    before = snapshot()
    with pytest.raises(NotAllowed):
        _prepare(world, user=world.users[role], **h.CONSENT)
    assert snapshot() == before, differences(before, snapshot())


@pytest.mark.django_db
def test_snapshot_takes_public_fields_and_the_decision(world):  # noqa: F811
    h.recognise(world.exemplar_a, decision="125/QĐ-UBND")
    h.private_data(world.exemplar_a)
    pub = _prepare(world, **h.CONSENT)
    assert pub.state == PublicationState.DRAFT
    assert pub.locality == world.unit_a.name  # the unit's name, never the address
    assert pub.decision_number == "125/QĐ-UBND" and pub.year == 2025
    assert pub.award_name == "Công nhận điển hình tiên tiến"
    assert h.ADDRESS not in pub.folded_text and "0912" not in pub.folded_text
    assert pub.consent_recorded_by == world.users["standing"]


@pytest.mark.django_db
def test_individual_needs_recorded_consent_to_submit(world):  # noqa: F811
    h.recognise(world.exemplar_a)
    pub = _prepare(world)
    with pytest.raises(DomainError, match="đồng ý"):
        services.transition_publication(publication=pub, name="submit_publication",
                                        acting_user=world.users["standing"])
    assert Publication.objects.get(pk=pub.pk).state == PublicationState.DRAFT


@pytest.mark.django_db
def test_collective_needs_no_consent(world):  # noqa: F811
    collective = world.registration_a.exemplars.get(kind="collective")
    pub = h.published(world, collective, consent={})
    assert pub.state == PublicationState.PUBLISHED


@pytest.mark.django_db
def test_four_eyes(world):  # noqa: F811
    h.recognise(world.exemplar_a)
    pub = _prepare(world, **h.CONSENT)
    pub = services.transition_publication(publication=pub, name="submit_publication",
                                          acting_user=world.users["standing"])
    with pytest.raises(NotAllowed):
        services.transition_publication(publication=pub, name="approve_publication",
                                        acting_user=world.users["standing"])
    assert Publication.objects.get(pk=pub.pk).state == PublicationState.AWAITING_APPROVAL
    approver = h.second_standing(world)
    pub = services.transition_publication(publication=pub, name="approve_publication",
                                          acting_user=approver)
    assert pub.state == PublicationState.PUBLISHED
    assert pub.approved_by == approver and pub.published_at is not None


@pytest.mark.django_db
def test_even_the_administrator_cannot_approve_own(world):  # noqa: F811
    h.recognise(world.exemplar_a)
    admin = world.users["admin"]
    pub = _prepare(world, user=admin, **h.CONSENT)
    pub = services.transition_publication(publication=pub, name="submit_publication",
                                          acting_user=admin)
    with pytest.raises(DomainError, match="bốn mắt"):
        services.transition_publication(publication=pub, name="approve_publication",
                                        acting_user=admin)
    assert Publication.objects.get(pk=pub.pk).state == PublicationState.AWAITING_APPROVAL


@pytest.mark.django_db
def test_database_refuses_self_approval(world):  # noqa: F811
    h.recognise(world.exemplar_a)
    pub = _prepare(world, **h.CONSENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(pk=pub.pk).update(approved_by=world.users["standing"])


@pytest.mark.django_db
def test_unpublish_is_immediate_with_reason(client, world):  # noqa: F811
    pub = h.published(world)
    url = reverse("publication:detail", args=[pub.pk])
    assert client.get(url).status_code == 200
    with pytest.raises(DomainError, match="lý do"):
        services.transition_publication(publication=pub, name="unpublish",
                                        acting_user=world.users["standing"])
    pub = services.transition_publication(publication=pub, name="unpublish",
                                          acting_user=world.users["standing"],
                                          reason="Gia đình đề nghị gỡ.")
    assert pub.state == PublicationState.UNPUBLISHED and pub.unpublished_at is not None
    assert client.get(url).status_code == 404
    assert "Đặng Thị Mai" not in b"".join(client.get(reverse("publication:data_json")).streaming_content).decode()
    # shown again only through a new publication
    again = _prepare(world, **h.CONSENT)
    assert again.pk != pub.pk


@pytest.mark.django_db
def test_one_active_publication_per_exemplar(world):  # noqa: F811
    h.recognise(world.exemplar_a)
    _prepare(world, **h.CONSENT)
    with pytest.raises(DomainError, match="đã có bài"):
        _prepare(world, **h.CONSENT)


@pytest.mark.django_db
def test_stale_version_refused(world):  # noqa: F811
    h.recognise(world.exemplar_a)
    pub = _prepare(world, **h.CONSENT)
    with pytest.raises(StaleVersion):
        services.update_publication(publication=pub, story="Mới", expected_version=99,
                                    acting_user=world.users["standing"])


@pytest.mark.django_db
def test_return_then_edit(world):  # noqa: F811
    pub = h.awaiting(world, world.exemplar_a)
    pub = services.transition_publication(publication=pub, name="return_publication",
                                          acting_user=world.users["standing"],
                                          reason="Viết lại đoạn mở đầu.")
    assert pub.state == PublicationState.DRAFT and pub.return_reason
    pub = services.update_publication(publication=pub, story="Câu chuyện đã viết lại.",
                                      expected_version=pub.version, acting_user=pub.prepared_by,
                                      **h.CONSENT)
    assert pub.story == "Câu chuyện đã viết lại."


@pytest.mark.django_db
def test_staff_pages_flow(client, world):  # noqa: F811
    h.recognise(world.exemplar_a)
    client.force_login(world.users["standing"])
    page = client.get(reverse("publication:staff_list")).content.decode()
    assert "Đặng Thị Mai" in page
    response = client.post(reverse("publication:prepare", args=[world.exemplar_a.pk]), {
        "story": "Chị Mai tận tụy.", "consent_recorded": "on",
        "consent_given_by": "Đặng Thị Mai", "consent_on": "02/03/2026",
        "consent_method": "written"})
    pub = Publication.objects.get()
    assert response.status_code == 302
    client.post(reverse("publication:transition", args=[pub.pk, "submit_publication"]),
                {"version": pub.version})
    pub.refresh_from_db()
    assert pub.state == PublicationState.AWAITING_APPROVAL
    # the preparer is not offered (and refused) the approval
    page = client.get(reverse("publication:staff_detail", args=[pub.pk])).content.decode()
    assert "Duyệt và công khai" not in page
    assert client.post(reverse("publication:transition", args=[pub.pk, "approve_publication"]),
                       {"version": pub.version}).status_code == 403
    client.force_login(h.second_standing(world))
    client.post(reverse("publication:transition", args=[pub.pk, "approve_publication"]),
                {"version": pub.version})
    pub.refresh_from_db()
    assert pub.state == PublicationState.PUBLISHED


@pytest.mark.django_db
def test_bad_input_is_a_message(client, world):  # noqa: F811
    h.recognise(world.exemplar_a)
    client.force_login(world.users["standing"])
    response = client.post(reverse("publication:prepare", args=[world.exemplar_a.pk]),
                           {"story": "", "consent_method": "nonsense"}, follow=True)
    assert response.status_code == 200
    assert not Publication.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("story", [f"Chị sống ở {h.ADDRESS.upper()}.", "Liên hệ 0912 345 678.",
                                   "Gọi +84 987 654 321 nhé."])
def test_story_may_not_carry_address_or_phone(world, story):  # noqa: F811
    h.recognise(world.exemplar_a)
    h.private_data(world.exemplar_a)
    with pytest.raises(DomainError, match=r"địa chỉ|điện thoại"):
        services.prepare_publication(exemplar=world.exemplar_a, story=story,
                                     acting_user=world.users["standing"], **h.CONSENT)
    assert not Publication.objects.exists()
