"""Loading packs into the database and keeping the reference campaign (idempotent, audited)."""

import datetime
import hashlib
import json

import pytest

from audit.models import Action, AuditEvent
from core.errors import NotAllowed
from guidance import services
from guidance.loading import (
    ensure_reference_campaign,
    load_pack,
    read_pack_file,
    shipped_pack_path,
)
from guidance.models import Campaign, CampaignStatus, GuidancePack
from guidance.services import LoadOutcome
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def events(action: Action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_load_stores_the_validated_content():
    record = load_pack(shipped_pack_path())
    pack = read_pack_file(shipped_pack_path())
    assert (record.code, record.version, record.title) == ("2533/HD-UBND", 1, pack.title)
    assert (record.issued_on, record.valid_from, record.valid_to) == (
        datetime.date(2024, 7, 2), datetime.date(2024, 7, 2), None)
    stored = GuidancePack.objects.get(pk=record.pk)
    assert stored.content == pack.model_dump(mode="json")
    canonical = json.dumps(stored.content, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    assert stored.checksum == hashlib.sha256(canonical.encode()).hexdigest()
    assert stored.pack == pack
    [event] = events(Action.LOAD)
    assert (event.object_id, event.verb, event.actor) == (str(record.pk), "nạp mới", None)
    assert event.changes["checksum"] == [None, stored.checksum]


def test_load_twice_is_one_row_and_one_event():
    first = load_pack(shipped_pack_path())
    second = load_pack(shipped_pack_path())
    assert first.pk == second.pk
    assert GuidancePack.objects.count() == 1
    assert len(events(Action.LOAD)) == 1
    _record, outcome = services.upsert_pack(pack=read_pack_file(shipped_pack_path()))
    assert outcome == LoadOutcome.UNCHANGED


def test_changed_content_of_the_same_version_is_replaced_and_audited(pack_data, write_pack):
    original = load_pack(shipped_pack_path())
    pack_data["title"] = "Hướng dẫn đã sửa lỗi chính tả"
    record = load_pack(write_pack(pack_data))
    assert record.pk == original.pk
    assert GuidancePack.objects.get().title == "Hướng dẫn đã sửa lỗi chính tả"
    assert record.pack.title == "Hướng dẫn đã sửa lỗi chính tả"
    update = events(Action.LOAD)[-1]
    assert update.verb == "cập nhật nội dung"
    assert update.changes["title"] == [original.title, "Hướng dẫn đã sửa lỗi chính tả"]


def test_acting_user_needs_the_manage_permission():
    outsider = UserFactory()
    with pytest.raises(NotAllowed):
        load_pack(shipped_pack_path(), acting_user=outsider)
    assert GuidancePack.objects.count() == 0
    admin = UserFactory(is_superuser=True)
    load_pack(shipped_pack_path(), acting_user=admin)
    assert events(Action.LOAD)[0].actor == admin


def test_reference_campaign_is_created_with_the_latest_pack():
    campaign = ensure_reference_campaign()  # loads the shipped pack when none is stored
    assert GuidancePack.objects.count() == 1
    assert (campaign.code, campaign.name) == (
        "2533-2022-2025",
        "Xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến giai đoạn 2022 - 2025")
    assert (campaign.pack.code, campaign.pack.version) == ("2533/HD-UBND", 1)
    assert (campaign.period_start_year, campaign.period_end_year, campaign.proposal_year) == (
        2022, 2025, 2025)
    assert (campaign.registration_deadline, campaign.interim_review_on,
            campaign.final_review_on) == (datetime.date(2026, 12, 15),
                                          datetime.date(2024, 12, 31),
                                          datetime.date(2026, 12, 31))
    assert campaign.status == CampaignStatus.OPEN
    assert len(events(Action.CREATE)) == 1


def test_reference_campaign_refresh_keeps_the_standing_offices_dates(pack_data, write_pack):
    campaign = ensure_reference_campaign()
    Campaign.objects.filter(pk=campaign.pk).update(
        registration_deadline=datetime.date(2026, 1, 31), status=CampaignStatus.CLOSED)
    again = ensure_reference_campaign()
    assert Campaign.objects.count() == 1
    assert (again.registration_deadline, again.status) == (
        datetime.date(2026, 1, 31), CampaignStatus.CLOSED)
    assert len(events(Action.CREATE)) == 1
    assert events(Action.UPDATE) == []

    # A newer version loaded later does not move the campaign: it keeps its version for life.
    pack_data["version"] = 2
    load_pack(write_pack(pack_data))
    kept = ensure_reference_campaign()
    assert (kept.pack.version, kept.registration_deadline) == (1, datetime.date(2026, 1, 31))
    assert events(Action.UPDATE) == []


def test_campaign_never_moves_to_an_older_version(pack_data, write_pack):
    pack_data["version"] = 2
    version_2 = load_pack(write_pack(pack_data))
    campaign = ensure_reference_campaign()
    assert campaign.pack == version_2
    version_1 = load_pack(shipped_pack_path())
    assert services.ensure_campaign(values={"code": campaign.code}, pack=version_1).pack == (
        version_2)
