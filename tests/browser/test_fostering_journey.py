"""#12 as its users do it, in a real browser: a unit writes and its head approves a fostering
plan; the clerk posts two progress updates with a photo; an exemplar without updates is flagged
late; the standing office reminds every unit below quota and the unit sees it in-app and by
mail; an inspection gets a follow-up that the unit reports done and the standing office closes."""

import datetime

import pytest
from django.core import mail
from PIL import Image

from accounts.models import Notification
from fostering.models import FosteringPlan, PlanState
from inspections.models import FollowUp
from progress.models import ProgressSettings, ProgressUpdate
from registry.models import Exemplar
from tests.browser.conftest import login, screenshot
from tests.world import build_world
from urging.models import Reminder

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser, base_url, user):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, base_url, user.username, PASSWORD)
    return context, page


def _photo(tmp_path):
    path = tmp_path / "hien-truong.jpg"
    Image.new("RGB", (2400, 1600), (40, 140, 60)).save(path, "JPEG")
    return path


def _click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_plan_progress_reminder_inspection(browser, live_server, tmp_path):
    w = build_world()
    base = live_server.url
    officer, head, standing = w.users["officer_a"], w.users["head_a"], w.users["standing"]

    # 1. the unit officer starts the plan from the unit's page, writes it, submits it
    context, page = _as(browser, base, officer)
    page.goto(f"{base}/don-vi/{w.unit_a.pk}/")
    _click(page, "form[action*='/boi-duong/'] button:has-text('Lập kế hoạch')")
    plan = FosteringPlan.objects.get(unit=w.unit_a, campaign=w.campaign)
    assert f"/boi-duong/ke-hoach/{plan.pk}/" in page.url
    page.fill("#id_sector_criteria", "Y tế: 100% khoa phòng có sáng kiến cải tiến quy trình.")
    _click(page, "form[action$='/tieu-chi/'] button[type=submit]")
    page.locator("details:has-text('Thêm mốc tiến độ')").first.locator("summary").click()
    form = page.locator("form[action*='/moc/']").first
    form.locator("[name=title]").fill("Tổng kết sáng kiến quý I")
    form.locator("[name=due_on]").fill("2027-03-31")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    _click(page, "button:has-text('Trình thủ trưởng duyệt kế hoạch')")
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert "Tổng kết sáng kiến quý I" in page.content()
    screenshot(page, "fostering-plan-submitted")
    context.close()

    # 2. the head approves it
    context, page = _as(browser, base, head)
    page.goto(f"{base}/boi-duong/ke-hoach/{plan.pk}/")
    _click(page, "button:has-text('Duyệt kế hoạch')")
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.approved_by_id == head.pk
    context.close()

    # 3. the clerk posts two progress updates, the first with a photo
    context, page = _as(browser, base, officer)
    for day, percent, text in (("05/11/2026", 30, "Đã xây dựng quy trình mới."),
                               ("20/11/2026", 60, "Áp dụng thử tại hai khoa.")):
        page.goto(f"{base}/tien-do/dien-hinh/{w.exemplar_a.pk}/")
        form = page.locator("form[action$='/cap-nhat/']")
        form.locator("[name=on_date]").fill(day)
        form.locator("[name=percent]").fill(str(percent))
        form.locator("[name=text]").fill(text)
        if percent == 30:
            form.locator("[name=files]").set_input_files(str(_photo(tmp_path)))
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    updates = ProgressUpdate.objects.filter(exemplar=w.exemplar_a).order_by("on_date")
    assert [u.percent for u in updates] == [30, 60]
    assert updates[0].attachments.count() == 1
    page.goto(f"{base}/tien-do/dien-hinh/{w.exemplar_a.pk}/")
    assert "Áp dụng thử tại hai khoa." in page.content() and "60" in page.inner_text("main")
    context.close()

    # 4. another exemplar without any update for longer than the campaign allows: flagged
    ProgressSettings.objects.update_or_create(campaign=w.campaign,
                                              defaults={"stale_after_days": 7})
    quiet = Exemplar.objects.filter(registration=w.registration_a).exclude(
        pk=w.exemplar_a.pk).first()
    old = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    Exemplar.objects.filter(pk=quiet.pk).update(created_at=old, state_changed_at=old)
    context, page = _as(browser, base, standing)
    page.goto(f"{base}/tien-do/?campaign={w.campaign.code}&late=1")
    listing = page.inner_text("main")
    assert quiet.name in listing and "chậm cập nhật" in listing.lower()
    screenshot(page, "progress-late")

    # 5. the standing office reminds every unit below quota
    page.goto(f"{base}/don-doc/?campaign={w.campaign.code}&reason=below_quota")
    chosen = page.locator("input[name=units]:checked").count()
    assert chosen >= 1
    mail.outbox.clear()
    _click(page, "button:has-text('Gửi nhắc nhở các đơn vị đã chọn')")
    reminders = Reminder.objects.filter(campaign=w.campaign, reason="below_quota")
    assert reminders.count() == chosen
    assert reminders.filter(unit=w.unit_b).exists()  # the commune registered one entry only
    context.close()
    clerk_b = w.users["officer_b"]
    assert Notification.objects.filter(user=clerk_b).exists()
    assert any(clerk_b.email in m.to for m in mail.outbox)
    context, page = _as(browser, base, clerk_b)
    page.goto(f"{base}/tai-khoan/thong-bao/")
    assert "đôn đốc" in page.inner_text("main").lower()
    page.goto(f"{base}/don-vi/{w.unit_b.pk}/")
    assert "đã nhắc 1 lần" in page.inner_text("main").lower()
    context.close()

    # 6. an inspection of unit A: the standing office assigns a follow-up, the unit reports it
    # done, the standing office closes it
    from inspections import services as inspections

    inspection = inspections.create_inspection(
        data={"title": "Kiểm tra công tác xây dựng điển hình năm 2026", "scope": "Bồi dưỡng điển hình.",
              "start_on": datetime.date(2026, 11, 25), "campaign": w.campaign},
        units=[w.unit_a], acting_user=standing)
    inspections.transition_inspection(inspection=inspection, name="start_inspection",
                                      acting_user=standing)
    context, page = _as(browser, base, standing)
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    form = page.locator("form[action$='/khac-phuc/']").first
    form.locator("[name=action]").fill("Bổ sung hồ sơ minh chứng sáng kiến.")
    form.locator("[name=owner_name]").fill("Phó Giám đốc Sở Y tế")
    form.locator("[name=deadline]").fill("2026-12-20")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    follow_up = FollowUp.objects.get(inspection=inspection)
    context.close()

    context, page = _as(browser, base, officer)
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    report = page.locator("form[action*='/report_follow_up_done/']")
    report.locator("[name=note]").fill("Đã bổ sung 12 hồ sơ minh chứng.")
    with page.expect_navigation():
        report.locator("button[type=submit]").click()
    follow_up.refresh_from_db()
    assert follow_up.state == "done_by_unit"
    context.close()

    context, page = _as(browser, base, standing)
    page.goto(f"{base}/kiem-tra/{inspection.pk}/")
    _click(page, "button:has-text('Xác nhận hoàn thành, kết thúc')")
    follow_up.refresh_from_db()
    assert follow_up.state == "closed"
    screenshot(page, "inspection-follow-up-closed")
    context.close()
