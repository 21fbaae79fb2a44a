"""Stored verdicts (``evaluation.verdicts``): after every kind of write the stored verdict is the
live one; the campaign table filters and pages them in SQL with a constant number of queries;
its XLSX is the page's rows; ``evaluate --campaign`` fills what is missing; stale ones are seen."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from evaluation import models as m
from evaluation import pack_move, selectors, services, table, verdicts
from evaluation.evidence import EvidenceKind
from guidance.loading import load_pack
from guidance.models import Campaign
from registry.models import Exemplar
from registry.services import exemplars as exemplar_services
from tests.factories import ExemplarFactory, MembershipFactory, UnitFactory, unit_in_province
from tests.guidance.test_versions import _version_2_text

pytestmark = pytest.mark.django_db


def _stored_is_live(*exemplars) -> None:
    """Each exemplar's stored verdict is current and equals a fresh evaluation."""
    for exemplar in exemplars:
        exemplar = Exemplar.objects.select_related("registration__campaign__pack").get(
            pk=exemplar.pk)
        campaign = exemplar.registration.campaign
        live = selectors.evaluate_exemplars(campaign, [exemplar])[exemplar.pk]
        stored = m.StoredVerdict.objects.get(exemplar=exemplar)
        assert verdicts.is_current(stored, exemplar, campaign), exemplar.name
        assert (stored.outcome, stored.eligible, stored.failing) == (
            live.outcome, live.eligible, verdicts.failing_codes(live)), exemplar.name
        assert stored.pack_id == campaign.pack_id and stored.year == campaign.proposal_year


def _all_stored(world) -> None:
    verdicts.refresh_campaign(world.campaign)
    assert verdicts.stale_count(world.campaign) == 0


def test_evidence_added_changed_and_removed(world, django_capture_on_commit_callbacks):
    _all_stored(world)
    officer, mai = world.users["officer_a"], world.exemplar_a
    with django_capture_on_commit_callbacks(execute=True):
        row = services.add_evidence(exemplar=mai, kind=EvidenceKind.RATINGS,
                                    values={"year": 2024, "level": "khong_hoan_thanh"},
                                    acting_user=officer)
    _stored_is_live(mai)
    assert m.StoredVerdict.objects.get(exemplar=mai).outcome == "not_eligible"
    assert "G4" in m.StoredVerdict.objects.get(exemplar=mai).failing_codes
    with django_capture_on_commit_callbacks(execute=True):  # the same year again: a change
        services.add_evidence(exemplar=mai, kind=EvidenceKind.RATINGS,
                              values={"year": 2024, "level": "tot"}, acting_user=officer)
    _stored_is_live(mai)
    assert m.StoredVerdict.objects.get(exemplar=mai).outcome != "not_eligible"
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_evidence(exemplar=mai, kind=EvidenceKind.RATINGS,
                                 row_id=m.AnnualRating.objects.get(subject=row.subject).pk,
                                 acting_user=officer)
    _stored_is_live(mai)
    with django_capture_on_commit_callbacks(execute=True):
        services.declare_provided(exemplar=mai, kind=EvidenceKind.VIOLATIONS, acting_user=officer)
        services.set_rated(exemplar=mai, rated=False, acting_user=officer)
    _stored_is_live(mai)


def test_evidence_of_a_subject_shared_across_campaigns(world, django_capture_on_commit_callbacks):
    from tests.awards.test_evidence import _later_exemplar

    later = _later_exemplar(world)
    services.get_or_create_subject(world.exemplar_a)
    m.ExemplarSubject.objects.create(exemplar=later,
                                     subject=services.get_or_create_subject(world.exemplar_a))
    _all_stored(world)
    verdicts.refresh([later.pk])
    with django_capture_on_commit_callbacks(execute=True):
        services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.DISCIPLINES,
                              values={"year": 2025, "level": "khien_trach"},
                              acting_user=world.users["officer_a"])
    _stored_is_live(world.exemplar_a, later)


def test_linking_to_an_earlier_subject_with_evidence(world, django_capture_on_commit_callbacks):
    """The same person registered again (same name, unit, birth year): linking the new entry
    to the subject (on its first evidence write, a proof, …) brings the earlier evidence."""
    from tests.awards.test_evidence import _later_exemplar

    with django_capture_on_commit_callbacks(execute=True):
        services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.RATINGS,
                              values={"year": 2029, "level": "khong_hoan_thanh"},
                              acting_user=world.users["officer_a"])
    later = _later_exemplar(world, birth_year=world.exemplar_a.birth_year)
    verdicts.refresh([later.pk])
    assert m.StoredVerdict.objects.get(exemplar=later).outcome != "not_eligible"
    with django_capture_on_commit_callbacks(execute=True):
        services.get_or_create_subject(later)
    assert m.ExemplarSubject.objects.get(exemplar=later).subject == \
        m.ExemplarSubject.objects.get(exemplar=world.exemplar_a).subject
    _stored_is_live(later)
    assert m.StoredVerdict.objects.get(exemplar=later).outcome == "not_eligible"  # G4: 2029


def test_a_judgement(world, django_capture_on_commit_callbacks):
    _all_stored(world)
    before = m.StoredVerdict.objects.get(exemplar=world.exemplar_a).failing_codes
    assert "G1" in before
    with django_capture_on_commit_callbacks(execute=True):
        services.record_judgement(exemplar=world.exemplar_a, criterion_code="G1", passed=True,
                                  note="", acting_user=world.users["standing"])
    _stored_is_live(world.exemplar_a)
    assert "G1" not in m.StoredVerdict.objects.get(exemplar=world.exemplar_a).failing_codes


def test_an_award_record_feeds_g5_and_its_revocation(world, django_capture_on_commit_callbacks):
    from awards import services as awards
    from tests.awards.helpers import form, load, record
    from tests.awards.test_evidence import _later_exemplar, _set_not_rated

    load(world)
    later = _later_exemplar(world)  # not linked to the award history yet: found by matching
    _set_not_rated(later)
    verdicts.refresh([later.pk])
    assert "G5" in m.StoredVerdict.objects.get(exemplar=later).failing_codes
    subject = awards.create_subject(kind="individual", name=world.exemplar_a.name,
                                    unit=world.unit_a, acting_user=world.users["standing"])
    with django_capture_on_commit_callbacks(execute=True):
        made = record(subject, form(), number="77/QĐ-UBND")
    _stored_is_live(later)
    assert "G5" not in m.StoredVerdict.objects.get(exemplar=later).failing_codes
    with django_capture_on_commit_callbacks(execute=True):
        awards.revoke_records(records=[made], reason="Thu hồi thử", acting_user=None)
    _stored_is_live(later)
    assert "G5" in m.StoredVerdict.objects.get(exemplar=later).failing_codes


def test_a_charity_record_feeds_m1(world, django_capture_on_commit_callbacks):
    from awards import services as awards
    from tests.awards.helpers import form, load, record

    load(world)
    mai = world.exemplar_a
    with django_capture_on_commit_callbacks(execute=True):
        exemplar_services.update_exemplar(exemplar=mai, data={"field_key": "m"},
                                          expected_version=mai.version,
                                          acting_user=world.users["officer_a"])
    subject = awards.subject_for_exemplar(exemplar=mai)  # linked now
    assert "M1" in m.StoredVerdict.objects.get(exemplar=mai).failing_codes
    with django_capture_on_commit_callbacks(execute=True):
        record(subject, form("giay-khen"), number="77/QĐ-UBND", field_key="m")
    _stored_is_live(mai)
    assert "M1" not in m.StoredVerdict.objects.get(exemplar=mai).failing_codes


def test_a_pack_move(tmp_path, django_capture_on_commit_callbacks):
    from tests.factories import CampaignFactory, RegistrationFactory

    path = tmp_path / "2533-v2.yaml"
    path.write_text(_version_2_text(), encoding="utf-8")
    campaign = CampaignFactory()
    version_2 = load_pack(path)
    registration = RegistrationFactory(campaign=campaign, unit=unit_in_province("Sở Thử"))
    collective = ExemplarFactory(registration=registration, kind="collective", field_key="k",
                                 name="Phòng Quản lý đô thị")
    person = ExemplarFactory(registration=registration, name="Giàng A Pao", field_key="e")
    standing = MembershipFactory(unit=UnitFactory(), role=Role.STANDING_OFFICE).user
    with django_capture_on_commit_callbacks(execute=True):
        for year in (2024, 2025):
            services.add_evidence(exemplar=collective, kind="cchc", acting_user=standing,
                                  values={"year": year, "par_index": 82.0, "satisfaction": 96.0,
                                          "overdue_dossiers": 0})
    verdicts.refresh_campaign(campaign)
    assert "K1" in m.StoredVerdict.objects.get(exemplar=collective).failing_codes
    admin = MembershipFactory(unit=UnitFactory(), role=Role.SYSTEM_ADMIN).user
    with django_capture_on_commit_callbacks(execute=True):
        pack_move.move_campaign_to_version(campaign=campaign, pack=version_2, reason="Thử",
                                           acting_user=admin)
    _stored_is_live(collective, person)
    stored = m.StoredVerdict.objects.get(exemplar=collective)
    assert stored.pack == version_2 and "K1" not in stored.failing_codes


def test_a_pack_move_of_a_large_campaign_goes_to_the_worker(world, monkeypatch,
                                                            django_capture_on_commit_callbacks):
    _all_stored(world)
    asked = []
    monkeypatch.setattr(verdicts, "SYNC_LIMIT", 2)
    monkeypatch.setattr(verdicts, "schedule_campaign", lambda c: asked.append(c.pk))
    with django_capture_on_commit_callbacks(execute=True):
        verdicts.campaign_changed(world.campaign)
    assert asked == [world.campaign.pk]


def test_an_exemplar_edit_of_kind_or_field(world, django_capture_on_commit_callbacks):
    _all_stored(world)
    mai = Exemplar.objects.get(pk=world.exemplar_a.pk)
    with django_capture_on_commit_callbacks(execute=True):
        exemplar_services.update_exemplar(exemplar=mai, data={"field_key": "k"},
                                          expected_version=mai.version,
                                          acting_user=world.users["officer_a"])
    _stored_is_live(mai)
    mai.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        exemplar_services.update_exemplar(exemplar=mai, data={"kind": "collective"},
                                          expected_version=mai.version,
                                          acting_user=world.users["officer_a"])
    _stored_is_live(mai)


def test_new_exemplars_added_and_imported(world, django_capture_on_commit_callbacks):
    officer = world.users["officer_a"]
    with django_capture_on_commit_callbacks(execute=True):
        one = exemplar_services.add_exemplar(
            registration=world.registration_a, acting_user=officer,
            data={"kind": "individual", "name": "Vàng Thị Súa", "field_key": "e"})
    with django_capture_on_commit_callbacks(execute=True):
        many = exemplar_services.bulk_add_exemplars(
            registration=world.registration_a, acting_user=officer,
            rows=[{"kind": "individual", "name": f"Người thử {i}", "field_key": "e"}
                  for i in range(3)])
    _stored_is_live(one, *many)


def test_a_transition_keeps_the_verdict_current(world, django_capture_on_commit_callbacks):
    from registry.services.lifecycle import transition_exemplar

    _all_stored(world)
    with django_capture_on_commit_callbacks(execute=True):
        transition_exemplar(exemplar=world.exemplar_a, name="foster",
                            acting_user=world.users["standing"])
    _stored_is_live(world.exemplar_a)


def test_a_write_marks_the_verdict_stale_before_any_recompute(world):
    """Without the after-commit recompute (a crash, a worker down) the change is still seen."""
    _all_stored(world)
    services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.RATINGS,
                          values={"year": 2024, "level": "tot"},
                          acting_user=world.users["officer_a"])  # callbacks not run
    assert verdicts.stale_count(world.campaign) == 1
    assert list(verdicts.stale(Exemplar.objects.all(), world.campaign)) == [world.exemplar_a]
    verdicts.refresh_stale(world.campaign)
    assert verdicts.stale_count(world.campaign) == 0
    _stored_is_live(world.exemplar_a)


def test_a_changed_pack_year_or_version_is_stale(world):
    _all_stored(world)
    Campaign.objects.filter(pk=world.campaign.pk).update(proposal_year=2029)
    campaign = Campaign.objects.select_related("pack").get(pk=world.campaign.pk)
    assert verdicts.stale_count(campaign) == 3
    verdicts.refresh_stale(campaign)
    Exemplar.objects.filter(pk=world.exemplar_a.pk).update(version=99)
    assert verdicts.stale_count(campaign) == 1


# --- the table ---------------------------------------------------------------------------------


def _page_names(client, campaign, **query) -> list[str]:
    response = client.get(reverse("evaluation:campaign_evaluation", args=[campaign.code]), query)
    assert response.status_code == 200
    return [cells[2] for _e, _o, cells in response.context["rows"]]


def _varied(world) -> None:
    officer = world.users["officer_a"]
    services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.RATINGS,
                          values={"year": 2024, "level": "khong_hoan_thanh"}, acting_user=officer)
    for i in range(6):
        e = ExemplarFactory(registration=world.registration_a, name=f"Cán bộ {i}", field_key="e")
        if i % 2:
            for year in range(2021, 2026):
                services.add_evidence(exemplar=e, kind=EvidenceKind.RATINGS,
                                      values={"year": year, "level": "xuat_sac"},
                                      acting_user=officer)


def test_the_outcome_filter_in_sql_gives_the_rows_the_engine_gives(client, world):
    _varied(world)
    _all_stored(world)
    client.force_login(world.users["standing"])
    everything = list(selectors.evaluated_in_batches(
        world.campaign, selectors.campaign_exemplars(world.campaign)))
    for outcome in ("", *table.OUTCOME_LABELS):
        expected = [e.name for e, v in sorted(everything, key=lambda p: (
            p[0].registration.unit.sort_key, p[0].kind, p[0].position, p[0].pk))
            if not outcome or v.outcome == outcome]
        assert _page_names(client, world.campaign, outcome=outcome) == expected, outcome
    assert _page_names(client, world.campaign, unit=world.unit_b.pk) == ["Lò Văn Thắng"]
    assert "Khoa Nội" in _page_names(client, world.campaign, kind="collective")


def _campaign_of(world, n: int) -> None:
    ExemplarFactory.create_batch(n - 3, registration=world.registration_a, field_key="e")
    _all_stored(world)


@pytest.mark.parametrize("page", [1, 2])
def test_queries_per_page_do_not_grow_with_the_campaign(client, world, page):
    client.force_login(world.users["standing"])
    url = reverse("evaluation:campaign_evaluation", args=[world.campaign.code])
    counts = []
    for size in (10, 200):
        _campaign_of(world, size - Exemplar.objects.count() + 3)
        assert Exemplar.objects.count() == size
        client.get(url, {"page": page})  # the session warmed up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page": page, "outcome": "missing_evidence"})
        assert response.status_code == 200 and response.context["total"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_xlsx_is_the_pages_rows(client, world):
    _varied(world)
    client.force_login(world.users["council"])
    for outcome in ("", "not_eligible", "missing_evidence"):
        page = client.get(reverse("evaluation:campaign_evaluation", args=[world.campaign.code]),
                          {"outcome": outcome})
        response = client.get(reverse("evaluation:campaign_evaluation_xlsx",
                                      args=[world.campaign.code]), {"outcome": outcome})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = [[c.value or "" for c in row] for row in sheet.iter_rows(min_row=3)]
        assert rows == [cells for _e, _o, cells in page.context["rows"]]
        assert len(rows) == table.campaign_table_count(world.campaign, {"outcome": outcome})
        assert list(table.campaign_table_rows(world.campaign, {"outcome": outcome})) == rows


def test_a_few_stale_verdicts_are_recomputed_by_the_page(client, world):
    client.force_login(world.users["standing"])
    assert verdicts.stale_count(world.campaign) == 3  # built by factories: none stored
    response = client.get(reverse("evaluation:campaign_evaluation", args=[world.campaign.code]))
    assert response.context["updating"] == 0
    assert "đang được cập nhật" not in response.content.decode()
    assert verdicts.stale_count(world.campaign) == 0


def test_many_stale_verdicts_are_left_to_the_worker_with_a_notice(client, world, settings,
                                                                  monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(table, "INLINE_LIMIT", 2)
    client.force_login(world.users["standing"])
    url = reverse("evaluation:campaign_evaluation", args=[world.campaign.code])
    response = client.get(url)
    page = response.content.decode()
    assert "kết quả đang được cập nhật" in page and response.context["updating"] == 3
    # the rows on the page are recomputed all the same: the table shows no stale outcome
    assert verdicts.stale_count(world.campaign) == 0
    assert "Đang cập nhật kết quả" not in page
    from django.tasks import default_task_backend

    assert [r.task.name for r in default_task_backend.results] == ["refresh_campaign_verdicts"]


def test_the_worker_task_refreshes_the_stale_ones(world):
    from evaluation import tasks

    assert tasks.refresh_campaign_verdicts.call(world.campaign.pk) == 3
    assert verdicts.stale_count(world.campaign) == 0


# --- the command -------------------------------------------------------------------------------


def test_evaluate_campaign_fills_the_missing_verdicts(world):
    assert m.StoredVerdict.objects.count() == 0
    out = io.StringIO()
    call_command("evaluate", "--campaign", world.campaign.code, "--quiet", "--batch-size", "2",
                 stdout=out)
    [line] = out.getvalue().splitlines()
    assert line.startswith("Tổng 3: ") and "đã lưu 3 kết quả" in line and "còn 0" in line
    _stored_is_live(*Exemplar.objects.all())
    out = io.StringIO()
    call_command("evaluate", "--campaign", world.campaign.code, "--stale-only", "--quiet",
                 stdout=out)
    assert out.getvalue().startswith("Tổng 0: ")
