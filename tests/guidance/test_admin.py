"""Admin: packs read-only, campaigns edited through the service (validated and audited)."""

import datetime

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from guidance.loading import ensure_reference_campaign
from guidance.models import Campaign
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def reference_campaign() -> Campaign:
    return ensure_reference_campaign()


def campaign_post(campaign: Campaign, **changes) -> dict:
    data = {
        "name": campaign.name, "pack": campaign.pack_id, "status": campaign.status,
        "period_start_year": campaign.period_start_year,
        "period_end_year": campaign.period_end_year, "proposal_year": campaign.proposal_year,
        "registration_deadline": campaign.registration_deadline.isoformat(),
        "interim_review_on": campaign.interim_review_on.isoformat(),
        "final_review_on": campaign.final_review_on.isoformat(),
    }
    return {**data, **changes}


def test_pack_is_shown_read_only(admin_client, reference_campaign):
    record = reference_campaign.pack
    listing = admin_client.get(reverse("admin:guidance_guidancepack_changelist"))
    assert listing.status_code == 200
    assert "2533/HD-UBND" in listing.text
    detail = admin_client.get(reverse("admin:guidance_guidancepack_change", args=[record.pk]))
    assert detail.status_code == 200
    assert "Chăm sóc sức khỏe Nhân dân" in detail.text
    assert 'name="_save"' not in detail.text
    assert admin_client.get(reverse("admin:guidance_guidancepack_add")).status_code == 403


def test_campaign_dates_are_edited_through_the_service(admin_client, reference_campaign):
    url = reverse("admin:guidance_campaign_change", args=[reference_campaign.pk])
    response = admin_client.post(url, campaign_post(reference_campaign,
                                                    registration_deadline="2026-01-31"))
    assert response.status_code == 302
    reference_campaign.refresh_from_db()
    assert reference_campaign.registration_deadline == datetime.date(2026, 1, 31)
    assert reference_campaign.code == "2533-2022-2025"
    update = AuditEvent.objects.get(action=Action.UPDATE)
    assert update.changes == {"registration_deadline": ["2026-12-15", "2026-01-31"]}


def test_inconsistent_dates_are_refused_on_the_form(admin_client, reference_campaign):
    url = reverse("admin:guidance_campaign_change", args=[reference_campaign.pk])
    response = admin_client.post(url, campaign_post(reference_campaign,
                                                    final_review_on="2024-01-01"))
    assert response.status_code == 200
    assert "Ngày tổng kết không được trước ngày sơ kết." in response.text
    reference_campaign.refresh_from_db()
    assert reference_campaign.final_review_on == datetime.date(2026, 12, 31)
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()
