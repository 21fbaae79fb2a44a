"""A campaign keeps its guidance version for life: loading a version moves no campaign, a used
version is immutable, and moving a campaign is the system administrator's explicit, previewed,
audited act — refused once a registration has been received."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import Action, AuditEvent
from core.errors import DomainError, NotAllowed
from evaluation import pack_move, services
from evaluation.selectors import evaluate_exemplars
from guidance import services as guidance_services
from guidance.loading import REFERENCE_CAMPAIGN, load_pack, shipped_pack_path
from guidance.models import Campaign, CampaignStatus, GuidancePack
from registry.enums import RegistrationState
from registry.quotas import quota_status
from registry.selectors import counts_by_kind
from tests.factories import (
    CampaignFactory,
    ExemplarFactory,
    MembershipFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
REFERENCE = REFERENCE_CAMPAIGN["code"]


def _version_2_text() -> str:
    """Version 2 of the pack: K1 at 80 %, agencies need 2 collectives."""
    text = shipped_pack_path().read_text(encoding="utf-8")
    changed = (text.replace("version: 1", "version: 2", 1)
               .replace("{metric: par_index, min: 85, adjacent_years: 1}",
                        "{metric: par_index, min: 80, adjacent_years: 1}")
               .replace("minimums: {collective: 1, individual: 1}\n  - label: Mỗi huyện",
                        "minimums: {collective: 2, individual: 1}\n  - label: Mỗi huyện", 1))
    assert changed.count("min: 80") == 1 and "minimums: {collective: 2, individual: 1}" in changed
    return changed


@pytest.fixture
def version_2_file(tmp_path):
    path = tmp_path / "2533-v2.yaml"
    path.write_text(_version_2_text(), encoding="utf-8")
    return path


def _k1(campaign, exemplar) -> str:
    verdict = evaluate_exemplars(campaign, [exemplar])[exemplar.pk]
    return next(str(c.status) for c in verdict.criteria if c.code == "K1")


def _received_agency(campaign):
    """An agency already received: 1 collective (field k, PAR index 82 %) and 1 individual."""
    unit = UnitFactory(name="Sở Tư pháp Thử")
    registration = RegistrationFactory(campaign=campaign, unit=unit,
                                       state=RegistrationState.RECEIVED,
                                       submitted_at=timezone.now(), received_at=timezone.now())
    collective = ExemplarFactory(registration=registration, kind="collective", field_key="k",
                                 name="Phòng Hành chính tư pháp")
    ExemplarFactory(registration=registration, name="Lò Thị Hoà", field_key="e")
    standing = MembershipFactory(unit=UnitFactory(), role=Role.STANDING_OFFICE).user
    for year in (2024, 2025):
        services.add_evidence(exemplar=collective, kind="cchc", acting_user=standing,
                              values={"year": year, "par_index": 82.0, "satisfaction": 96.0,
                                      "overdue_dossiers": 0})
    return registration, collective


def test_replay_a_new_version_for_a_new_campaign_then_make_run(version_2_file):
    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    running = Campaign.objects.get(code=REFERENCE)
    registration, collective = _received_agency(running)
    assert quota_status(running, registration.unit, counts_by_kind(registration)).met
    assert _k1(running, collective) == "fail"  # 82 % < 85 % of version 1

    # version 2 is loaded for a new campaign …
    call_command("load_guidance", str(version_2_file), stdout=io.StringIO())
    version_2 = GuidancePack.objects.get(code="2533/HD-UBND", version=2)
    new = guidance_services.ensure_campaign(
        values={**REFERENCE_CAMPAIGN, "code": "2533-2026-2030", "name": "Giai đoạn 2026 - 2030",
                "period_start_year": 2026, "period_end_year": 2030, "proposal_year": 2030},
        pack=version_2)
    # … then the next `make run`
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)

    running = Campaign.objects.get(code=REFERENCE)
    assert running.pack.version == 1
    assert Campaign.objects.get(pk=new.pk).pack == version_2
    assert quota_status(running, registration.unit, counts_by_kind(registration)).met
    assert _k1(running, collective) == "fail"
    printed = out.getvalue()
    assert f"Đợt {REFERENCE} dùng bộ hướng dẫn 2533/HD-UBND (v1)" in printed
    assert "Có phiên bản mới hơn (2533/HD-UBND (v2))" in printed
    assert not AuditEvent.objects.filter(verb__contains="phiên bản", object_id=str(running.pk))


def test_a_used_version_is_immutable(pack_data, write_pack):
    record = load_pack(shipped_pack_path())
    CampaignFactory(pack=record)
    pack_data["title"] = "Hướng dẫn đã sửa lỗi chính tả"
    with pytest.raises(guidance_services.PackInUse) as refused:
        load_pack(write_pack(pack_data))
    assert "Hãy tăng số phiên bản trong tệp (version: 2)" in refused.value.message
    assert "2533-2022-2025" in refused.value.message
    stored = GuidancePack.objects.get()
    assert (stored.title, stored.checksum) == (record.title, record.checksum)
    assert AuditEvent.objects.filter(action=Action.LOAD).count() == 1
    # the same content again is a no-op
    _same, outcome = guidance_services.upsert_pack(pack=record.pack)
    assert outcome == guidance_services.LoadOutcome.UNCHANGED


def test_load_guidance_refuses_changed_content_of_a_used_version(pack_data, write_pack):
    CampaignFactory(pack=load_pack(shipped_pack_path()))
    pack_data["title"] = "Hướng dẫn đã sửa"
    with pytest.raises(CommandError, match="tăng số phiên bản"):
        call_command("load_guidance", str(write_pack(pack_data)), stdout=io.StringIO())
    assert GuidancePack.objects.get().title != "Hướng dẫn đã sửa"


def test_the_admin_form_cannot_change_a_campaigns_pack(version_2_file):
    campaign = CampaignFactory()
    version_2 = load_pack(version_2_file)
    campaign.pack = version_2
    with pytest.raises(DomainError, match="quản trị hệ thống"):
        guidance_services.save_campaign(campaign=campaign, changed=["pack"],
                                        acting_user=UserFactory(is_superuser=True))
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1


# --- moving a campaign ---------------------------------------------------------------------------

@pytest.fixture
def setting(version_2_file):
    campaign = CampaignFactory()
    version_2 = load_pack(version_2_file)
    unit = UnitFactory(name="Sở Xây dựng Thử")
    registration = RegistrationFactory(campaign=campaign, unit=unit,
                                       state=RegistrationState.SUBMITTED)
    collective = ExemplarFactory(registration=registration, kind="collective", field_key="k",
                                 name="Phòng Quản lý đô thị")
    ExemplarFactory(registration=registration, name="Giàng A Pao", field_key="e")
    standing = MembershipFactory(unit=UnitFactory(), role=Role.STANDING_OFFICE).user
    for year in (2024, 2025):
        services.add_evidence(exemplar=collective, kind="cchc", acting_user=standing,
                              values={"year": year, "par_index": 82.0, "satisfaction": 96.0,
                                      "overdue_dossiers": 0})
    admin = MembershipFactory(unit=UnitFactory(), role=Role.SYSTEM_ADMIN).user
    return campaign, version_2, registration, collective, admin, standing


def test_preview_lists_every_verdict_and_quota_that_would_change(setting):
    campaign, version_2, registration, collective, admin, _standing = setting
    preview = pack_move.preview_campaign_move(campaign=campaign, pack=version_2,
                                              acting_user=admin)
    [verdict] = preview.verdicts
    assert verdict.exemplar == collective
    assert [(c.code, c.before, c.after) for c in verdict.criteria] == [("K1", "fail", "pass")]
    [quota] = preview.quotas
    assert (quota.registration, quota.before, quota.after) == (registration, True, False)
    assert "2 tập thể" in quota.after_rule and "1 tập thể" in quota.before_rule
    assert (preview.exemplars, preview.registrations) == (2, 1)
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1  # a preview writes nothing


def test_move_is_saved_and_audited(setting):
    campaign, version_2, _registration, collective, admin, _standing = setting
    pack_move.move_campaign_to_version(campaign=campaign, pack=version_2,
                                       reason="Áp dụng hướng dẫn sửa đổi", acting_user=admin)
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert campaign.pack == version_2
    assert _k1(campaign, collective) == "pass"
    event = AuditEvent.objects.get(verb="chuyển phiên bản bộ hướng dẫn")
    assert (event.actor, event.reason, event.object_id) == (
        admin, "Áp dụng hướng dẫn sửa đổi", str(campaign.pk))
    assert event.changes["pack"] == ["2533/HD-UBND (v1)", "2533/HD-UBND (v2)"]
    assert event.changes["verdicts_changed"] == [None, 1]
    assert event.changes["quotas_changed"] == [None, 1]


@pytest.mark.parametrize("role", [Role.STANDING_OFFICE, Role.COUNCIL_MEMBER, Role.UNIT_OFFICER])
def test_only_the_system_administrator_moves_a_campaign(setting, role):
    campaign, version_2, *_ = setting
    user = MembershipFactory(unit=UnitFactory(), role=role).user
    for call in (pack_move.preview_campaign_move, pack_move.move_campaign_to_version):
        extra = {"reason": "Thử"} if call is pack_move.move_campaign_to_version else {}
        with pytest.raises(NotAllowed):
            call(campaign=campaign, pack=version_2, acting_user=user, **extra)
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1


@pytest.mark.parametrize("state", [RegistrationState.RECEIVED, RegistrationState.RETURNED])
def test_move_is_refused_once_a_registration_was_received(setting, state):
    campaign, version_2, registration, _collective, admin, _standing = setting
    # received now, or received and reopened since (state "returned", the reception stamped)
    type(registration).objects.filter(pk=registration.pk).update(
        state=state, received_at=timezone.now())
    with pytest.raises(DomainError, match="được Sở Nội vụ tiếp nhận"):
        pack_move.move_campaign_to_version(campaign=campaign, pack=version_2, reason="Thử",
                                           acting_user=admin)
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1
    assert not AuditEvent.objects.filter(verb="chuyển phiên bản bộ hướng dẫn").exists()


def test_move_needs_a_reason_an_open_campaign_and_the_preview_seen(setting):
    campaign, version_2, _registration, collective, admin, standing = setting
    with pytest.raises(DomainError, match="lý do"):
        pack_move.move_campaign_to_version(campaign=campaign, pack=version_2, reason=" ",
                                           acting_user=admin)
    seen = pack_move.preview_campaign_move(campaign=campaign, pack=version_2, acting_user=admin)
    services.add_evidence(exemplar=collective, kind="cchc", acting_user=standing,
                          values={"year": 2025, "par_index": 99.0, "satisfaction": 99.0,
                                  "overdue_dossiers": 0})
    services.add_evidence(exemplar=collective, kind="cchc", acting_user=standing,
                          values={"year": 2024, "par_index": 99.0, "satisfaction": 99.0,
                                  "overdue_dossiers": 0})
    with pytest.raises(DomainError, match="xem lại"):
        pack_move.move_campaign_to_version(campaign=campaign, pack=version_2, reason="Thử",
                                           expected_digest=seen.digest, acting_user=admin)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    with pytest.raises(DomainError, match="đã kết thúc"):
        pack_move.move_campaign_to_version(campaign=Campaign.objects.get(pk=campaign.pk),
                                           pack=version_2, reason="Thử", acting_user=admin)
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1


def test_command_previews_then_moves(setting):
    campaign, *_ = setting
    out = io.StringIO()
    call_command("move_campaign_version", campaign.code, "2", stdout=out)
    printed = out.getvalue()
    assert "2533/HD-UBND (v1) → 2533/HD-UBND (v2)" in printed
    assert "Phòng Quản lý đô thị" in printed and "K1: fail → pass" in printed
    assert "Sở Xây dựng Thử: đạt" in printed and "→ chưa đạt" in printed
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1
    with pytest.raises(CommandError) as refused:
        call_command("move_campaign_version", campaign.code, "2", "--confirm",
                     stdout=io.StringIO())
    assert refused.value.returncode == 2
    call_command("move_campaign_version", campaign.code, "2", "--confirm",
                 "--reason", "Áp dụng hướng dẫn sửa đổi", stdout=io.StringIO())
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 2


def test_command_refuses_a_user_who_is_not_the_administrator(setting):
    campaign, *_rest, standing = setting
    with pytest.raises(CommandError) as refused:
        call_command("move_campaign_version", campaign.code, "2", "--confirm", "--reason", "x",
                     "--user", standing.username, stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1


def test_web_page_previews_then_confirms(setting, client):
    campaign, version_2, _registration, _collective, admin, _standing = setting
    client.force_login(admin)
    url = reverse("evaluation:campaign_pack_move", args=[campaign.code])
    page = client.get(url, {"version": 2}).content.decode()
    assert 'id="verdict-changes"' in page and "Phòng Quản lý đô thị" in page
    assert 'id="quota-changes"' in page and "Chưa đạt chỉ tiêu" in page
    digest = pack_move.preview_campaign_move(campaign=campaign, pack=version_2,
                                             acting_user=admin).digest
    assert digest in page
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1
    response = client.post(url, {"version": 2, "digest": digest,
                                 "reason": "Áp dụng hướng dẫn sửa đổi"})
    assert response.status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 2
    listing = client.get(reverse("guidance:campaign_list")).content.decode()
    assert "phiên bản 2" in listing


def test_web_page_shows_the_refusal_when_received(setting, client):
    campaign, _version_2, registration, _collective, admin, _standing = setting
    type(registration).objects.filter(pk=registration.pk).update(
        state=RegistrationState.RECEIVED, received_at=timezone.now())
    client.force_login(admin)
    url = reverse("evaluation:campaign_pack_move", args=[campaign.code])
    page = client.get(url, {"version": 2}).content.decode()
    assert "được Sở Nội vụ tiếp nhận" in page and 'id="preview"' not in page
    response = client.post(url, {"version": 2, "reason": "Thử"})
    assert response.status_code == 200
    assert Campaign.objects.get(pk=campaign.pk).pack.version == 1


def test_campaign_pages_show_the_version_they_use(setting, client):
    campaign, version_2, *_ = setting
    client.force_login(UserFactory())
    listing = client.get(reverse("guidance:campaign_list")).content.decode()
    row = listing.split(f'id="campaign-{campaign.code}"')[1].split("</tr>")[0]
    assert "2533/HD-UBND" in row and "phiên bản 1" in row
    assert "Chuyển phiên bản" not in listing  # only the system administrator sees the action
    detail = client.get(reverse("guidance:pack_detail", args=[campaign.pack.pk])).content.decode()
    assert campaign.code in detail.split('id="pack-campaigns"')[1].split("</dd>")[0]
    unused = client.get(reverse("guidance:pack_detail", args=[version_2.pk])).content.decode()
    assert unused.split('id="pack-campaigns"')[1].split("</dd>")[0].strip(">") == "—"


def test_reference_campaign_is_created_with_dates_unchanged(version_2_file):
    """A database where the campaign does not exist yet gets it with the latest version."""
    load_pack(shipped_pack_path())
    load_pack(version_2_file)
    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    campaign = Campaign.objects.get(code=REFERENCE)
    assert campaign.pack.version == 2
    assert campaign.registration_deadline == datetime.date(2026, 12, 15)
