"""The living demo: the reference data and seed load, and its users land where they should."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry.enums import RegistrationState
from registry.models import Registration


@pytest.fixture
def demo(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)


def test_demo_has_registrations_in_every_state(demo):
    states = set(Registration.objects.values_list("state", flat=True))
    assert states == {s.value for s in RegistrationState}


def test_demo_has_exemplars_in_every_lifecycle_state(demo, client):
    from audit.models import AuditEvent
    from registry.enums import ExemplarState
    from registry.models import Exemplar

    states = set(Exemplar.objects.values_list("state", flat=True))
    assert states == {s.value for s in ExemplarState}
    revoked = Exemplar.objects.get(state=ExemplarState.REVOKED)
    assert revoked.legal_basis.startswith("Quyết định số 112/QĐ-UBND")
    steps = list(AuditEvent.objects.filter(
        content_type__model="exemplar", object_id=str(revoked.pk), action="transition",
    ).order_by("pk").values_list("verb", "reason"))
    assert [verb for verb, _ in steps] == ["foster", "propose", "recognise", "revoke"]
    assert steps[-1][1] == revoked.state_reason
    withdrawn = Exemplar.objects.get(state=ExemplarState.WITHDRAWN)
    assert client.login(username="sonoivu", password="DienHinh@2026")
    page = client.get(reverse("registry:exemplar_detail", args=[withdrawn.pk])).content.decode()
    assert "Đã rút" in page and withdrawn.state_reason in page


def test_seed_is_idempotent(demo):
    before = Registration.objects.count()
    call_command("seed_demo", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    assert Registration.objects.count() == before


def test_demo_logins_reach_their_homes(demo, client):
    assert client.login(username="syt.canbo", password="DienHinh@2026")
    page = client.get(reverse("home")).content.decode()
    assert "Sở Y tế tỉnh Lai Châu" in page and "Chờ thủ trưởng duyệt" in page
    assert client.login(username="sonoivu", password="DienHinh@2026")
    overview = client.get(reverse("home"), follow=True).content.decode()
    assert "Tổng hợp đăng ký" in overview and "Xã Bình Lư" in overview


def test_standing_office_can_edit_units_in_the_admin(demo, client):
    assert client.login(username="sonoivu", password="DienHinh@2026")
    assert client.get("/quan-tri/orgs/unit/").status_code == 200
    assert client.login(username="syt.canbo", password="DienHinh@2026")
    assert client.get("/quan-tri/orgs/unit/").status_code == 302


def test_admin_creates_a_user_with_a_membership(demo, client):
    from accounts.models import Membership
    from orgs.models import Unit

    assert client.login(username="quantri", password="DienHinh@2026")
    assert client.get("/quan-tri/accounts/user/").status_code == 200
    unit = Unit.objects.current().get(name="Sở Y tế tỉnh Lai Châu")
    response = client.post("/quan-tri/accounts/user/add/", {
        "username": "syt.moi", "full_name": "Lường Thị Ánh", "email": "syt.moi@laichau.gov.vn",
        "password1": "Lai-Chau-2026-moi", "password2": "Lai-Chau-2026-moi",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-0-unit": unit.pk, "memberships-0-role": "unit_officer",
        "memberships-0-is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(user__username="syt.moi").unit == unit


def test_demo_checklists_show_each_outcome(demo):
    from evaluation.selectors import evaluate_exemplars
    from guidance.selectors import open_campaign
    from registry.models import Exemplar

    campaign = open_campaign()
    verdicts = evaluate_exemplars(campaign, Exemplar.objects.filter(registration__campaign=campaign))
    outcomes = {v.outcome for v in (verdicts.values() if isinstance(verdicts, dict) else verdicts)}
    assert {"eligible", "missing_evidence", "awaiting_judgement"} <= outcomes


def test_every_demo_exemplar_has_a_current_stored_verdict(demo):
    from evaluation import verdicts
    from evaluation.models import StoredVerdict
    from evaluation.selectors import evaluate_exemplars
    from guidance.models import Campaign
    from registry.models import Exemplar

    for campaign in Campaign.objects.filter(registrations__isnull=False).distinct():
        assert verdicts.stale_count(campaign) == 0, campaign.code
        exemplars = Exemplar.objects.filter(registration__campaign=campaign)
        live = evaluate_exemplars(campaign, list(exemplars.select_related("registration")))
        stored = {v.pk: v for v in StoredVerdict.objects.filter(campaign=campaign)}
        assert {pk: (v.outcome, verdicts.failing_codes(v)) for pk, v in live.items()} == {
            pk: (v.outcome, v.failing) for pk, v in stored.items()}


def test_demo_exemplar_history_shows_evidence_edits_in_vietnamese(demo, client):
    from audit.models import Action, AuditEvent
    from registry.models import Exemplar

    edited = next(e for e in AuditEvent.objects.filter(content_type__model="annualrating",
                                                        action=Action.UPDATE)
                  if "(đính chính)" in str(e.changes.get("decision")))
    exemplar = Exemplar.objects.get(pk=edited.owner_id)
    assert client.login(username="sonoivu", password="DienHinh@2026")
    page = client.get(reverse("registry:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert "Sửa (Xếp loại hằng năm — năm 2024)" in page
    assert "→ Hoàn thành xuất sắc nhiệm vụ" in page
    assert "Sửa (Ý kiến thẩm định G1)" in page and "Đạt: Không đạt → Đạt" in page


def test_demo_admin_deleting_a_user_is_in_the_log(demo, client):
    from accounts.models import Membership

    assert client.login(username="quantri", password="DienHinh@2026")
    membership = Membership.objects.select_related("user").get(user__username="syt.canbo")
    response = client.post(f"/quan-tri/accounts/user/{membership.user.pk}/delete/",
                           {"post": "yes"})
    assert response.status_code == 302
    page = client.get("/quan-tri/audit/auditevent/").content.decode()
    assert "Người dùng: Tòng Thị Mai" in page and "Xóa" in page


def test_demo_households_are_named_as_a_form_names_them(demo):
    """"Hộ ông Lò Văn Páo" / "Hộ bà …", never the form's placeholder "Hộ ông (bà) …"."""
    from registry.models import Exemplar

    names = list(Exemplar.objects.filter(kind="household").values_list("name", flat=True))
    assert names
    assert not [n for n in names if "(bà)" in n]
    assert all(n.startswith(("Hộ ông ", "Hộ bà ")) for n in names), names[:5]


def test_demo_holds_a_held_meeting_and_an_issued_decision(demo, client):
    """The commendation cycle ran through the services: two proposals, one closed meeting
    (an excluded member, an abstention), one numbered decision, the award in the history."""
    from awards.models import AwardRecord, RecordSource
    from council.models import AgendaItem, Exclusion, ItemStatus, Meeting, MeetingState
    from decisions.models import Decision, DecisionState
    from registry.enums import ExemplarState

    meeting = Meeting.objects.get()
    assert meeting.state == MeetingState.CLOSED
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [i.status for i in items] == [ItemStatus.PASSED, ItemStatus.PASSED]
    assert sum(i.result["abstain"] for i in items) == 1
    exclusion = Exclusion.objects.get()
    assert exclusion.member.unit_id == exclusion.item.proposal_item.proposal.unit_id
    decision = Decision.objects.get()
    assert decision.state == DecisionState.ISSUED and decision.reference.endswith("/QĐ-UBND")
    entries = list(decision.entries.select_related("proposal_item__exemplar", "record"))
    assert len(entries) == 2
    assert {e.proposal_item.exemplar.state for e in entries} == {ExemplarState.RECOGNISED}
    assert {e.record.decision_number for e in entries} == {decision.reference}
    assert AwardRecord.objects.filter(source=RecordSource.ENTERED).count() == 1
    subject = entries[0].record.subject
    from accounts.models import User

    client.force_login(User.objects.get(username="sonoivu"))  # verified (tests/mfa.py)
    page = client.get(reverse("awards:subject_detail", args=[subject.pk])).content.decode()
    assert decision.reference in page and "Công nhận điển hình tiên tiến" in page
    exemplar = entries[0].proposal_item.exemplar
    page = client.get(reverse("registry:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert "Hồ sơ thành tích" in page and decision.reference in page
    assert "Đã có quyết định" in page  # the proposals panel: the item's outcome


def test_every_key_in_the_demos_history_has_a_vietnamese_label(demo):
    """A change in the log shows a field's verbose name or a registered label — never the raw
    key ("Award", "Entries"); keys that are themselves names (a unit's) read as they are."""
    from audit import labels
    from audit.models import AuditEvent
    from audit.selectors import _field
    from orgs.models import Unit

    names = set(Unit.objects.values_list("name", flat=True))
    raw = {key for event in AuditEvent.objects.select_related("content_type")
           for key in (event.changes or {})
           if _field(event.content_type.model_class(), key) is None
           and not labels.key_label(key) and key not in names}
    assert raw == set()


def test_demo_clerk_registers_from_the_home_page(demo, client):
    """Xã Bình Lư's clerk (a draft registration of the open campaign) finds the drop zone at
    home; the unit's own downloaded form, handed back there, is previewed for that registration
    and confirmed without a change."""
    import io

    from guidance.selectors import open_campaign

    assert client.login(username="binhlu.canbo", password="DienHinh@2026")
    assert 'id="home-import-form"' in client.get(reverse("home")).content.decode()
    registration = Registration.objects.get(campaign=open_campaign(), unit__name="Xã Bình Lư")
    names = sorted(registration.exemplars.values_list("name", flat=True))
    form = io.BytesIO(client.get(reverse("registry:registration_export",
                                         args=[registration.pk, "docx"])).content)
    form.name = "bieu-dang-ky-binh-lu.docx"
    preview = client.post(reverse("registry:home_import"), {"file": form})
    assert preview.context["registration"] == registration
    assert preview.context["preview"].has_changes is False
    done = client.post(reverse("registry:registration_import_confirm", args=[registration.pk]),
                       {"token": preview.context["token"]})
    assert done["Location"] == reverse("registry:registration_detail", args=[registration.pk])
    assert sorted(registration.exemplars.values_list("name", flat=True)) == names
