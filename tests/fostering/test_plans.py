"""The fostering plan: the officer writes, the head approves; refusals change nothing; a stale
version is refused in Vietnamese; an approved plan is frozen until reopened; the Word file."""

import datetime
import io

import pytest
from django.urls import reverse

from core.errors import DomainError, NotAllowed, StaleVersion
from fostering import selectors, services
from fostering.models import FosteringPlan, Milestone, PlanState, SupportAction
from tests.db_state import differences, snapshot
from tests.world import world  # noqa: F401  (fixture)

DUE = datetime.date(2026, 9, 30)


def _plan(w):
    return services.create_plan(campaign=w.campaign, unit=w.unit_a,
                                acting_user=w.users["officer_a"])


def _fresh(plan):
    return FosteringPlan.objects.get(pk=plan.pk)


def _written(w):
    officer = w.users["officer_a"]
    plan = _plan(w)
    plan = services.update_plan(plan=plan, sector_criteria="Khám chữa bệnh tận tâm.",
                                signer_name="Lò Văn Hùng", expected_version=plan.version,
                                acting_user=officer)
    item = plan.items.get(exemplar=w.exemplar_a)
    services.save_item(plan=plan, exemplar=w.exemplar_a, responsible="Trưởng khoa Nội",
                       notes="Nhân rộng cách chăm sóc người bệnh", expected_version=plan.version,
                       acting_user=officer)
    plan = _fresh(plan)
    services.add_action(plan=plan, item=item, helper="Phòng Tổ chức cán bộ",
                        content="Tập huấn kỹ năng giao tiếp", due_on=DUE,
                        expected_version=plan.version, acting_user=officer)
    plan = _fresh(plan)
    services.add_milestone(plan=plan, item=item, title="Sơ kết 6 tháng",
                           due_on=datetime.date(2020, 1, 31), expected_version=plan.version,
                           acting_user=officer)
    return _fresh(plan), item


@pytest.mark.django_db
def test_officer_writes_head_approves(world):  # noqa: F811
    plan, item = _written(world)
    assert plan.items.count() == 2  # both open exemplars of unit A's registration
    assert selectors.units_without_approved_plan(world.campaign).filter(pk=world.unit_a.pk).exists()
    plan = services.transition_plan(plan=plan, name="submit_plan",
                                    acting_user=world.users["officer_a"],
                                    expected_version=plan.version)
    assert plan.state == PlanState.SUBMITTED
    plan = services.transition_plan(plan=plan, name="approve_plan",
                                    acting_user=world.users["head_a"])
    plan = _fresh(plan)
    assert plan.state == PlanState.APPROVED and plan.approved_by == world.users["head_a"]
    assert not selectors.units_without_approved_plan(world.campaign).filter(
        pk=world.unit_a.pk).exists()
    assert selectors.plan_states_by_unit(world.campaign)[world.unit_a.pk] == "approved"
    milestone = Milestone.objects.get(item=item)
    assert list(selectors.overdue_milestones(campaign=world.campaign)) == [milestone]
    services.mark_done(plan=plan, kind="milestone", entry_id=milestone.pk,
                       acting_user=world.users["officer_a"])
    assert Milestone.objects.get(pk=milestone.pk).done_on is not None
    from audit.models import AuditEvent

    verbs = set(AuditEvent.objects.filter(owner_id=str(plan.pk)).values_list("verb", flat=True))
    assert {"submit_plan", "approve_plan", "mark_done"} <= verbs


@pytest.mark.django_db
def test_head_returns_with_reason_then_officer_resubmits(world):  # noqa: F811
    plan, _item = _written(world)
    plan = services.transition_plan(plan=plan, name="submit_plan",
                                    acting_user=world.users["officer_a"])
    with pytest.raises(DomainError, match="lý do"):
        services.transition_plan(plan=plan, name="return_plan", acting_user=world.users["head_a"])
    plan = services.transition_plan(plan=plan, name="return_plan", reason="Bổ sung mốc quý III",
                                    acting_user=world.users["head_a"])
    assert _fresh(plan).state == PlanState.RETURNED
    assert _fresh(plan).return_reason == "Bổ sung mốc quý III"
    plan = _fresh(plan)
    services.update_plan(plan=plan, sector_criteria="Sửa lại", expected_version=plan.version,
                         acting_user=world.users["officer_a"])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["head_a", "officer_b", "standing", "council"])
def test_refused_roles_change_nothing(world, role):  # noqa: F811
    plan, _item = _written(world)
    before = snapshot()
    with pytest.raises(NotAllowed):
        services.update_plan(plan=plan, sector_criteria="Khác", expected_version=plan.version,
                             acting_user=world.users[role])
    with pytest.raises(NotAllowed):
        services.transition_plan(plan=plan, name="submit_plan", acting_user=world.users[role])
    after = snapshot()
    assert before == after, differences(before, after)


@pytest.mark.django_db
def test_officer_cannot_approve_own_plan(world):  # noqa: F811
    plan, _item = _written(world)
    plan = services.transition_plan(plan=plan, name="submit_plan",
                                    acting_user=world.users["officer_a"])
    with pytest.raises(NotAllowed):
        services.transition_plan(plan=plan, name="approve_plan",
                                 acting_user=world.users["officer_a"])
    assert _fresh(plan).state == PlanState.SUBMITTED


@pytest.mark.django_db
def test_stale_version_is_refused_in_vietnamese(world):  # noqa: F811
    plan, _item = _written(world)
    with pytest.raises(StaleVersion, match="vừa được người khác thay đổi"):
        services.update_plan(plan=plan, sector_criteria="Khác", expected_version=plan.version - 1,
                             acting_user=world.users["officer_a"])
    assert _fresh(plan).sector_criteria == "Khám chữa bệnh tận tâm."


@pytest.mark.django_db
def test_stale_version_on_the_web_shows_the_message(client, world):  # noqa: F811
    plan, _item = _written(world)
    client.force_login(world.users["officer_a"])
    response = client.post(reverse("fostering:plan_update", kwargs={"pk": plan.pk}),
                           {"sector_criteria": "Khác", "version": plan.version - 1}, follow=True)
    assert "vừa được người khác thay đổi" in response.content.decode()
    assert _fresh(plan).sector_criteria == "Khám chữa bệnh tận tâm."


@pytest.mark.django_db
def test_approved_plan_is_frozen_until_reopened(world):  # noqa: F811
    plan, item = _written(world)
    officer, head = world.users["officer_a"], world.users["head_a"]
    plan = services.transition_plan(plan=plan, name="submit_plan", acting_user=officer)
    plan = services.transition_plan(plan=plan, name="approve_plan", acting_user=head)
    before = snapshot()
    with pytest.raises(NotAllowed):
        services.update_plan(plan=plan, sector_criteria="Khác", expected_version=plan.version,
                             acting_user=officer)
    with pytest.raises(NotAllowed):
        services.add_action(plan=plan, item=item, helper="A", content="B", due_on=DUE,
                            expected_version=plan.version, acting_user=officer)
    # a plan object read before approval is still refused: the state is checked under the lock
    stale_copy = FosteringPlan(pk=plan.pk, campaign=plan.campaign, unit=plan.unit,
                               state=PlanState.DRAFT, version=plan.version)
    with pytest.raises(DomainError, match="mở lại"):
        services.update_plan(plan=stale_copy, sector_criteria="Khác",
                             expected_version=plan.version, acting_user=officer)
    assert snapshot() == before
    with pytest.raises(DomainError, match="lý do"):
        services.transition_plan(plan=plan, name="reopen_plan", acting_user=head)
    plan = services.transition_plan(plan=plan, name="reopen_plan", reason="Bổ sung điển hình",
                                    acting_user=head)
    plan = _fresh(plan)
    assert plan.state == PlanState.RETURNED and plan.approved_at is None
    services.add_action(plan=plan, item=item, helper="A", content="B", due_on=DUE,
                        expected_version=plan.version, acting_user=officer)
    assert SupportAction.objects.filter(item=item).count() == 2


@pytest.mark.django_db
def test_done_marks_need_an_approved_plan(world):  # noqa: F811
    plan, item = _written(world)
    milestone = Milestone.objects.get(item=item)
    with pytest.raises(NotAllowed):
        services.mark_done(plan=plan, kind="milestone", entry_id=milestone.pk,
                           acting_user=world.users["officer_a"])


@pytest.mark.django_db
def test_exemplar_of_another_unit_is_refused(world):  # noqa: F811
    plan = _plan(world)
    other = world.registration_b.exemplars.first()
    with pytest.raises(DomainError, match="không thuộc"):
        services.save_item(plan=plan, exemplar=other, responsible="X", notes="",
                           expected_version=plan.version, acting_user=world.users["officer_a"])


@pytest.mark.django_db
def test_plan_page_shows_pack_criteria_and_lifecycle(client, world):  # noqa: F811
    plan, _item = _written(world)
    client.force_login(world.users["standing"])
    page = client.get(reverse("fostering:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    pack = world.campaign.pack.pack
    general = next(c for c in pack.criteria if c.group == "general")
    assert general.text in page
    assert "Khám chữa bệnh tận tâm." in page
    assert "Đã đăng ký" in page  # the exemplar's lifecycle state
    assert reverse("registry:exemplar_detail", kwargs={"pk": world.exemplar_a.pk}) in page
    listing = client.get(reverse("fostering:plan_list",
                                 kwargs={"campaign_code": world.campaign.code}),
                         {"state": "draft"}).content.decode()
    assert "Sở Y tế Thử" in listing and "Xã Thử Nghiệm" not in listing


@pytest.mark.django_db
def test_unit_page_panel(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    url = reverse("orgs:unit_detail", kwargs={"pk": world.unit_a.pk})
    page = client.get(url).content.decode()
    assert "Chưa lập kế hoạch" in page and "Lập kế hoạch" in page
    client.post(reverse("fostering:plan_start", kwargs={"campaign_code": world.campaign.code}))
    assert "Xem kế hoạch" in client.get(url).content.decode()


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


@pytest.mark.django_db
def test_docx_has_the_official_layout_and_the_plan(world):  # noqa: F811
    from fostering.docx import render_plan_docx

    plan, _item = _written(world)
    plan = services.transition_plan(plan=plan, name="submit_plan",
                                    acting_user=world.users["officer_a"])
    services.transition_plan(plan=plan, name="approve_plan", acting_user=world.users["head_a"])
    text = docx_text(render_plan_docx(_fresh(plan)))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "SỞ Y TẾ THỬ", "Số:", "/KH-", "KẾ HOẠCH", "Bồi dưỡng, nhân rộng",
                     "Khám chữa bệnh tận tâm.", "Đặng Thị Mai", "Trưởng khoa Nội",
                     "Tập huấn kỹ năng giao tiếp", "Phòng Tổ chức cán bộ", "30/09/2026",
                     "Sơ kết 6 tháng", "31/01/2020", "Nơi nhận:", "Lò Văn Hùng", ", ngày "):
        assert expected in text, expected


@pytest.mark.django_db
def test_docx_download(client, world):  # noqa: F811
    plan, _item = _written(world)
    client.force_login(world.users["council"])
    response = client.get(reverse("fostering:plan_docx", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    assert "ke-hoach-boi-duong" in response["Content-Disposition"]
    assert "Đặng Thị Mai" in docx_text(response.content)
