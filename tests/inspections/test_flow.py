"""The whole story of an inspection, as its people meet it on the web."""

import datetime
import io

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed
from inspections import selectors, services
from inspections.models import Finding, FollowUp, Inspection
from tests.db_state import snapshot
from tests.inspections.helpers import concluded, planned, with_follow_up
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _as(client, w, role):
    client.logout()
    client.force_login(w.users[role])
    return client


def test_full_flow_standing_office_unit_and_back(client, world):  # noqa: F811
    w = world
    c = _as(client, w, "standing")
    response = c.post(reverse("inspections:inspection_create"), {
        "title": "Kiểm tra công tác thi đua năm 2026", "campaign": w.campaign.pk,
        "decision_basis": "Quyết định số 20/QĐ-SNV ngày 01/03/2026", "start_on": "2026-03-10",
        "end_on": "2026-03-12", "units": [w.unit_a.pk],
        "scope": "Việc xây dựng điển hình tiên tiến.", "team": "Lò Thị Hương — Trưởng đoàn"})
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and inspection.state == "planned"
    detail = reverse("inspections:inspection_detail", args=[inspection.pk])
    c.post(reverse("inspections:inspection_transition", args=[inspection.pk, "start_inspection"]))
    c.post(reverse("inspections:finding_add", args=[inspection.pk]), {
        "unit": w.unit_a.pk, "exemplar": w.exemplar_a.pk, "kind": "shortcoming",
        "text": "Thiếu quyết định khen thưởng trong hồ sơ."})
    c.post(reverse("inspections:follow_up_add", args=[inspection.pk]), {
        "unit": w.unit_a.pk, "action": "Bổ sung hồ sơ minh chứng.", "owner_name": "Phó Giám đốc",
        "deadline": "2026-04-30"})
    c.post(reverse("inspections:conclusions_save", args=[inspection.pk]), {
        "conclusion": "Đơn vị thực hiện tốt.", f"unit-{w.unit_a.pk}": "Cần bổ sung hồ sơ."})
    c.post(reverse("inspections:inspection_transition",
                   args=[inspection.pk, "conclude_inspection"]))
    inspection.refresh_from_db()
    finding = Finding.objects.get()
    follow_up = FollowUp.objects.get()
    assert inspection.state == "concluded" and inspection.concluded_at
    assert finding.exemplar == w.exemplar_a and finding.unit == w.unit_a
    assert follow_up.state == "open" and follow_up.deadline == datetime.date(2026, 4, 30)
    assert selectors.open_follow_ups_by_unit() == {w.unit_a.pk: 1}
    assert selectors.open_follow_ups_by_unit(campaign=w.campaign) == {w.unit_a.pk: 1}

    # the unit reads it, on the inspection's page and its own unit page, and reports it done
    c = _as(client, w, "officer_a")
    page = c.get(detail).content.decode()
    assert "Thiếu quyết định khen thưởng" in page and "Đặng Thị Mai" in page
    unit_page = c.get(reverse("orgs:unit_detail", args=[w.unit_a.pk])).content.decode()
    assert "Kiểm tra công tác thi đua năm 2026" in unit_page
    assert "Bổ sung hồ sơ minh chứng." in unit_page
    c.post(reverse("inspections:follow_up_transition",
                   args=[follow_up.pk, "report_follow_up_done"]),
           {"note": "Đã bổ sung quyết định số 5/QĐ-SYT."})
    follow_up.refresh_from_db()
    assert follow_up.state == "done_by_unit" and "5/QĐ-SYT" in follow_up.unit_note
    assert selectors.open_follow_ups_by_unit() == {}

    # the standing office closes it, then the inspection
    c = _as(client, w, "standing")
    c.post(reverse("inspections:follow_up_transition", args=[follow_up.pk, "close_follow_up"]))
    follow_up.refresh_from_db()
    assert follow_up.state == "closed" and follow_up.closed_by == w.users["standing"]
    c.post(reverse("inspections:inspection_transition", args=[inspection.pk, "close_inspection"]))
    inspection.refresh_from_db()
    assert inspection.state == "closed"
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"start_inspection", "conclude_inspection", "report_follow_up_done",
            "close_follow_up", "close_inspection"} <= verbs
    history = c.get(detail).content.decode()
    assert "Đã kết thúc" in history


def test_refused_roles_get_403_and_nothing_changes(client, world):  # noqa: F811
    inspection, follow_up = concluded(world)
    follow_up = services.transition_follow_up(follow_up=follow_up, name="report_follow_up_done",
                                              note="Đã xong", acting_user=world.users["officer_a"])
    for role in ("officer_a", "head_a", "officer_b", "council"):
        c = _as(client, world, role)
        before = snapshot()
        r = c.post(reverse("inspections:finding_add", args=[inspection.pk]), {
            "unit": world.unit_a.pk, "kind": "positive", "text": "Tốt"})
        assert r.status_code == 403
        r = c.post(reverse("inspections:follow_up_transition",
                           args=[follow_up.pk, "close_follow_up"]))
        assert r.status_code == 403
        assert snapshot() == before, role
    # the unit's own report: not for another unit nor the council
    follow_up = services.transition_follow_up(follow_up=follow_up, name="reopen_follow_up",
                                              note="Chưa đủ", acting_user=world.users["standing"])
    for role in ("officer_b", "council"):
        c = _as(client, world, role)
        r = c.post(reverse("inspections:follow_up_transition",
                           args=[follow_up.pk, "report_follow_up_done"]), {"note": "Xong"})
        assert r.status_code == 403


def test_another_unit_sees_nothing(client, world):  # noqa: F811
    inspection, _follow_up = concluded(world)
    c = _as(client, world, "officer_b")
    assert c.get(reverse("inspections:inspection_detail", args=[inspection.pk])).status_code == 403
    assert c.get(reverse("inspections:inspection_record",
                         args=[inspection.pk, world.unit_a.pk])).status_code == 403
    listing = c.get(reverse("inspections:inspection_list")).content.decode()
    assert inspection.title not in listing
    assert not selectors.inspections_visible_to(world.users["officer_b"]).exists()
    assert not selectors.follow_ups_visible_to(world.users["officer_b"]).exists()
    # the council reads everything
    c = _as(client, world, "council")
    assert inspection.title in c.get(reverse("inspections:inspection_list")).content.decode()


def test_concluded_inspection_is_immutable_except_follow_ups(world):  # noqa: F811
    inspection, follow_up = concluded(world)
    standing = world.users["standing"]
    before = snapshot()
    for call in (
        lambda: services.add_finding(inspection=inspection, unit=world.unit_a, kind="positive",
                                     text="Tốt", acting_user=standing),
        lambda: services.set_conclusions(inspection=inspection, conclusion="Khác",
                                         unit_conclusions={}, acting_user=standing),
        lambda: services.add_follow_up(inspection=inspection, unit=world.unit_a, action="Việc",
                                       owner_name="A", deadline=datetime.date(2026, 5, 1),
                                       acting_user=standing),
        lambda: services.remove_finding(finding=Finding.objects.get(), acting_user=standing),
        lambda: services.update_inspection(
            inspection=inspection, units=[world.unit_a], acting_user=standing,
            data={"title": "Khác", "scope": "Khác", "start_on": datetime.date(2026, 3, 1)}),
    ):
        with pytest.raises(DomainError, match="đã kết luận"):
            call()
    assert snapshot() == before
    moved = services.transition_follow_up(follow_up=follow_up, name="report_follow_up_done",
                                          note="Đã làm xong", acting_user=world.users["head_a"])
    assert moved.state == "done_by_unit"


def test_rules_in_the_service(world):  # noqa: F811
    inspection, follow_up = with_follow_up(world)
    with pytest.raises(DomainError, match="kết luận chung"):
        services.transition_inspection(inspection=inspection, name="conclude_inspection",
                                       acting_user=world.users["standing"])
    with pytest.raises(DomainError, match="Hãy nêu lý do"):
        services.transition_follow_up(follow_up=follow_up, name="report_follow_up_done",
                                      acting_user=world.users["officer_a"])
    with pytest.raises(NotAllowed):
        services.transition_follow_up(follow_up=follow_up, name="report_follow_up_done",
                                      note="x", acting_user=world.users["officer_b"])
    other = services.add_finding  # an exemplar of another unit is refused
    from registry.models import Exemplar

    foreign = Exemplar.objects.filter(registration=world.registration_b).first()
    with pytest.raises(DomainError, match="không thuộc đơn vị"):
        other(inspection=inspection, unit=world.unit_a, kind="positive", text="Tốt",
              exemplar=foreign, acting_user=world.users["standing"])


def test_docx_record_content(client, world):  # noqa: F811
    from docx import Document

    inspection, _follow_up = concluded(world)
    c = _as(client, world, "officer_a")
    response = c.get(reverse("inspections:inspection_record", args=[inspection.pk,
                                                                    world.unit_a.pk]))
    assert response.status_code == 200
    assert "bien-ban-kiem-tra" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    whole = "\n".join(texts)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "BIÊN BẢN", "Sở Y tế Thử", "Quyết định số 15/QĐ-SNV",
                     "Lò Thị Hương — Trưởng phòng, Trưởng đoàn", "Tồn tại, hạn chế",
                     "Hồ sơ minh chứng còn thiếu", "(điển hình: Đặng Thị Mai)",
                     "Cần hoàn thiện hồ sơ.", "Bổ sung hồ sơ minh chứng của điển hình.",
                     "30/04/2026", "TRƯỞNG ĐOÀN KIỂM TRA", "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA"):
        assert expected in whole, expected
    section = document.sections[0]
    assert section.page_width < section.page_height  # A4 portrait
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_planned_inspection_edit_keeps_busy_units(world):  # noqa: F811
    inspection, _f = with_follow_up(world)
    with pytest.raises(DomainError, match="Không bỏ được"):
        services.update_inspection(
            inspection=inspection, units=[world.unit_b], acting_user=world.users["standing"],
            data={"title": "Khác", "scope": "Khác", "start_on": datetime.date(2026, 3, 1)})
    inspection = planned(world)
    changed = services.update_inspection(
        inspection=inspection, units=[world.unit_b], acting_user=world.users["standing"],
        data={"title": "Kiểm tra xã", "scope": "Khác", "start_on": datetime.date(2026, 3, 1)},
        expected_version=inspection.version)
    assert list(changed.units.all()) == [world.unit_b] and changed.version == 2


def test_demo_has_a_concluded_inspection_with_open_and_closed_follow_ups(db):
    from django.core.management import call_command

    from portal.demo import seed_demo

    call_command("load_reference_data", verbosity=0)
    seed_demo()
    inspection = Inspection.objects.get()
    assert inspection.state == "concluded"
    assert inspection.findings.filter(exemplar__isnull=False).exists()
    assert sorted(inspection.follow_ups.values_list("state", flat=True)) == ["closed", "open"]
    unit = inspection.units.get()
    assert selectors.open_follow_ups_by_unit() == {unit.pk: 1}
