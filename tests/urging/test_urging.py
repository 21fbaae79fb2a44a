"""Reminders: the reasons select what the dashboard counts, sending records one reminder per
unit, reason and day, delivers it in-app and by mail, and the scheduled job is idempotent."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Notification, Role
from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed
from registry import dashboard
from registry.enums import RegistrationState
from tests.factories import MembershipFactory, UnitFactory
from tests.test_smtp_delivery import smtp_server  # noqa: F401  (fixture)
from tests.world import world  # noqa: F401  (fixture)
from urging import reasons, scheduler, services
from urging.models import Reminder, ReminderSchedule, ReminderTemplate, SchedulerState


def verified_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def lagging(world):  # noqa: F811
    """A unit without a registration (with an officer to tell) and unit B's registration
    returned."""
    from registry.models import Registration

    unit_c = UnitFactory(name="Sở Xây dựng Thử", parent=world.unit_a.parent)
    officer_c = MembershipFactory(unit=unit_c, role=Role.UNIT_OFFICER).user
    Registration.objects.filter(pk=world.registration_b.pk).update(
        state=RegistrationState.RETURNED, return_reason="Thiếu chữ ký")
    world.unit_c, world.officer_c = unit_c, officer_c
    return world


def _codes(targets):
    return sorted(t.unit.code for t in targets)


def _rows(campaign, **filters):
    return sorted(u.code for u in dashboard.dashboard_rows(
        campaign, dashboard.DashboardFilters(**filters)))


def test_reasons_select_what_the_dashboard_counts(lagging):
    w, day = lagging, datetime.date.today()
    assert _codes(reasons.get_reason("not_registered").select(w.campaign, day)) == \
        _rows(w.campaign, state="none")
    assert w.unit_c.code in _codes(reasons.get_reason("not_registered").select(w.campaign, day))
    returned = reasons.get_reason("returned").select(w.campaign, day)
    assert _codes(returned) == _rows(w.campaign, state="returned") == [w.unit_b.code]
    assert "Thiếu chữ ký" in returned[0].missing_text
    below = reasons.get_reason("below_quota").select(w.campaign, day)
    rows = dashboard.dashboard_rows(w.campaign, dashboard.DashboardFilters())
    expected = sorted(u.code for u in rows if u.registration_id and not u.quota_met)
    assert _codes(below) == expected
    assert all("còn thiếu" in t.missing_text for t in below)


def test_a_known_reason_whose_app_has_not_registered_answers_no_data(lagging, monkeypatch):
    w = lagging
    # fostering registers plan_missing from its ready(); without it the reason is known, not sent
    monkeypatch.setattr(reasons, "_REASONS", {k: v for k, v in reasons._REASONS.items()
                                              if k != "plan_missing"})
    result = services.send_reminders(campaign=w.campaign, reason="plan_missing",
                                     acting_user=w.users["standing"])
    assert result.sent == []
    assert result.skipped[0].unit is None and "Chưa có dữ liệu" in result.skipped[0].why
    assert not Reminder.objects.exists()


def test_a_registered_reason_plugs_in_with_one_call(lagging, monkeypatch):
    w = lagging
    monkeypatch.setattr(reasons, "_REASONS", dict(reasons._REASONS))  # restored afterwards
    reasons.register_reason(reasons.Reason(
        "plan_missing", "Chưa có kế hoạch",
        lambda campaign, day: [reasons.Target(w.unit_c, "kế hoạch bồi dưỡng")]))
    result = services.send_reminders(campaign=w.campaign, reason="plan_missing",
                                     acting_user=w.users["standing"])
    assert [s.unit for s in result.sent] == [w.unit_c]
    assert "kế hoạch bồi dưỡng" in Reminder.objects.get().message


def test_send_records_notifies_mails_and_audits(lagging, django_capture_on_commit_callbacks):
    w = lagging
    with django_capture_on_commit_callbacks(execute=True):
        result = services.send_reminders(campaign=w.campaign, reason="not_registered",
                                         acting_user=w.users["standing"])
    reminder = Reminder.objects.get(unit=w.unit_c)
    assert reminder.sent_by == w.users["standing"] and reminder.delivered_at is not None
    assert w.unit_c in [s.unit for s in result.sent]
    assert "Sở Xây dựng Thử" in reminder.message
    assert w.campaign.registration_deadline.strftime("%d/%m/%Y") in reminder.message
    assert Notification.objects.filter(user=w.officer_c).count() == 1
    assert any(w.officer_c.email in m.to for m in mail.outbox)
    assert AuditEvent.objects.filter(verb="remind").count() == len(result.sent)


def test_idempotent_the_same_day(lagging):
    w = lagging
    first = services.send_reminders(campaign=w.campaign, reason="returned",
                                    acting_user=w.users["standing"])
    again = services.send_reminders(campaign=w.campaign, reason="returned",
                                    acting_user=w.users["admin"])
    assert len(first.sent) == 1 and again.sent == []
    assert again.skipped[0].why == "Đã nhắc đơn vị này hôm nay."
    assert Reminder.objects.count() == 1
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    later = services.send_reminders(campaign=w.campaign, reason="returned",
                                    acting_user=w.users["standing"], on=tomorrow)
    assert len(later.sent) == 1


def test_dry_run_writes_nothing(lagging):
    w = lagging
    result = services.send_reminders(campaign=w.campaign, reason="not_registered",
                                     acting_user=w.users["standing"], dry_run=True)
    assert result.sent and not Reminder.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize("role", ["officer_a", "head_a", "officer_b", "council"])
def test_refused_roles(lagging, role):
    with pytest.raises(NotAllowed):
        services.send_reminders(campaign=lagging.campaign, reason="returned",
                                acting_user=lagging.users[role])
    assert not Reminder.objects.exists()


def test_template_is_used_and_validated(lagging):
    w = lagging
    services.save_template(reason="returned", subject="Nhắc {don_vi}",
                           body="{don_vi} gửi lại trước {han}: {con_thieu} ({dot})",
                           valid_from=datetime.date(2020, 1, 1), acting_user=w.users["standing"])
    services.send_reminders(campaign=w.campaign, reason="returned",
                            acting_user=w.users["standing"])
    reminder = Reminder.objects.get()
    assert reminder.subject == "Nhắc Xã Thử Nghiệm"
    assert reminder.message.startswith("Xã Thử Nghiệm gửi lại trước ")
    with pytest.raises(DomainError, match=r"chỗ trống không có: \{ten\}"):
        services.save_template(reason="returned", subject="x", body="Kính gửi {ten}",
                               valid_from=datetime.date(2020, 1, 1),
                               acting_user=w.users["standing"])
    with pytest.raises(DomainError, match="ngoặc nhọn"):
        services.save_template(reason="returned", subject="x", body="Kính gửi {don_vi",
                               valid_from=datetime.date(2020, 1, 1),
                               acting_user=w.users["standing"])
    assert ReminderTemplate.objects.count() == 1


def _command(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("send_reminders", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_command_json_shape_and_dry_run(lagging):
    w = lagging
    code, out, _err = _command("--campaign", w.campaign.code, "--dry-run", "--json")
    assert code == 0 and not Reminder.objects.exists()
    body = json.loads(out)
    assert set(body) == {"sent", "skipped"}
    assert {"unit": w.unit_b.code, "reason": "returned", "channels": ["in_app", "email"]} \
        in body["sent"]
    assert {"unit", "reason", "why"} == set(body["skipped"][0])
    # plan_missing and progress_overdue are registered by their apps: never "no data"
    assert not any("Chưa có dữ liệu" in s["why"] for s in body["skipped"])
    code, out, _err = _command("--campaign", w.campaign.code, "--reason", "returned", "--json")
    assert json.loads(out)["sent"] == [{"unit": w.unit_b.code, "reason": "returned",
                                         "channels": ["in_app", "email"]}]
    assert Reminder.objects.count() == 1


def test_command_refuses_unknown_campaign_and_reason(lagging):
    code, _out, err = _command("--campaign", "KHONG-CO")
    assert code == 2 and "Không có đợt thi đua" in err
    code, _out, err = _command("--campaign", lagging.campaign.code, "--reason", "lazy")
    assert code == 2 and "Lý do nhắc không có" in err
    assert not Reminder.objects.exists()


def test_scheduled_job_twice_sends_once(lagging, django_capture_on_commit_callbacks):
    w = lagging
    deadline = w.campaign.registration_deadline
    ReminderSchedule.objects.create(campaign=w.campaign, offsets=[-7, -1, 1],
                                    reasons=["not_registered", "returned", "plan_missing"])
    day = deadline - datetime.timedelta(days=7)
    first = scheduler.run_due(on=day)
    assert first["sent"] == Reminder.objects.count() > 0
    assert set(Reminder.objects.values_list("sent_by", flat=True)) == {None}
    second = scheduler.run_due(on=day)
    assert second["sent"] == 0 and Reminder.objects.count() == first["sent"]
    assert scheduler.run_due(on=day + datetime.timedelta(days=1))["sent"] == 0  # not due
    assert scheduler.run_due(on=deadline - datetime.timedelta(days=1))["sent"] > 0


def test_restart_midway_is_safe(lagging, monkeypatch):
    """The worker dies after sending to the first unit: running again sends the rest once."""
    w = lagging
    unit_d = UnitFactory(name="Sở Tư pháp Thử", parent=w.unit_a.parent)
    MembershipFactory(unit=unit_d, role=Role.UNIT_HEAD)
    ReminderSchedule.objects.create(campaign=w.campaign, offsets=[0], reasons=["not_registered"])
    day = w.campaign.registration_deadline
    expected = len(services.send_reminders(campaign=w.campaign, reason="not_registered",
                                           acting_user=w.users["standing"], on=day,
                                           dry_run=True).sent)
    calls = []
    original = services._record

    def crash_after_one(*args, **kwargs):
        if calls:
            raise SystemExit("worker killed")
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_record", crash_after_one)
    with pytest.raises(SystemExit):
        scheduler.run_due(on=day)
    assert Reminder.objects.count() == 1
    monkeypatch.setattr(services, "_record", original)
    scheduler.run_due(on=day)
    scheduler.run_due(on=day)
    assert expected >= 2 and Reminder.objects.count() == expected
    assert Reminder.objects.values("unit").distinct().count() == expected


def test_worker_tick_is_rate_limited_in_the_database(db, django_capture_on_commit_callbacks):
    from django.utils import timezone

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduler.worker_tick(now) is True
        assert scheduler.worker_tick(now + datetime.timedelta(minutes=5)) is False  # restarted
        assert scheduler.worker_tick(now + scheduler.INTERVAL) is True
    assert SchedulerState.objects.get().last_started_at == now + scheduler.INTERVAL


def test_worker_loop_runs_the_periodic_jobs(monkeypatch):
    from django_tasks_db.management.commands.db_worker import Worker

    from portal.management.commands.task_worker import PortalWorker

    ticks, rounds = [], []
    monkeypatch.setattr(Worker, "run", lambda self: rounds.append(self.batch))
    worker = PortalWorker(queue_names=["default"], interval=0, batch=False,
                          backend_name="default", startup_delay=False, max_tasks=None,
                          worker_id="t", excluded_queue_names=[])
    worker.periodic = (lambda: ticks.append(1),)

    def sleep(seconds):
        if len(ticks) >= 3:
            worker.running = False

    worker.sleep = sleep
    worker.run()
    assert len(ticks) == 3 and rounds == [True, True, True]  # drains the queue between ticks
    from exports.services import worker_tick as purge_exports_tick

    # the scheduled reminders, then the purge of expired exports
    assert PortalWorker.periodic == (scheduler.worker_tick, purge_exports_tick)


def test_pages_send_and_show(lagging, client, django_capture_on_commit_callbacks):
    w = lagging
    standing = verified_client(client, w.users["standing"])
    page = standing.get(reverse("urging:urge"), {"campaign": w.campaign.code, "reason": "returned"})
    assert page.status_code == 200 and "Xã Thử Nghiệm" in page.text and "Thiếu chữ ký" in page.text
    assert not Reminder.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = standing.post(reverse("urging:send"), {
            "campaign": w.campaign.code, "reason": "returned", "units": [w.unit_b.pk]})
    assert response.status_code == 302
    assert Reminder.objects.get().unit == w.unit_b
    assert Notification.objects.filter(user=w.users["officer_b"]).exists()
    assert mail.outbox and w.users["officer_b"].email in mail.outbox[-1].to
    listing = standing.get(reverse("urging:reminder_list"), {"reason": "returned"})
    assert "Xã Thử Nghiệm" in listing.text
    unit_page = standing.get(reverse("orgs:unit_detail", args=[w.unit_b.pk]))
    assert "đã nhắc 1 lần, lần cuối" in unit_page.text


def test_unit_sees_its_own_reminders(lagging, client):
    w = lagging
    services.send_reminders(campaign=w.campaign, reason="returned",
                            acting_user=w.users["standing"])
    officer = verified_client(client, w.users["officer_b"])
    page = officer.get(reverse("orgs:unit_detail", args=[w.unit_b.pk]))
    assert "Nhắc nhở, đôn đốc" in page.text and "đã nhắc 1 lần" in page.text


def test_template_page_shows_the_placeholder_error(lagging, client):
    standing = verified_client(client, lagging.users["standing"])
    response = standing.post(reverse("urging:template_list"), {
        "reason": "returned", "subject": "Nhắc", "body": "Gửi {ai}", "valid_from": "2026-01-01"})
    assert response.status_code == 200 and "chỗ trống không có: {ai}" in response.text
    assert not ReminderTemplate.objects.exists()


def test_schedule_page_saves(lagging, client):
    standing = verified_client(client, lagging.users["standing"])
    url = reverse("urging:schedule", args=[lagging.campaign.code])
    bad = standing.post(url, {"offsets": "-7, bảy", "reasons": ["returned"], "is_active": "on"})
    assert bad.status_code == 200 and "không phải số ngày" in bad.text
    assert not ReminderSchedule.objects.exists()
    standing.post(url, {"offsets": "1, -7, -1", "reasons": ["returned"], "is_active": "on"})
    assert ReminderSchedule.objects.get().offsets == [-7, -1, 1]


@pytest.mark.django_db(transaction=True)
def test_reminder_mail_over_real_smtp(smtp_server):  # noqa: F811
    from tests.world import build_world

    w = build_world()
    from registry.models import Registration

    Registration.objects.filter(pk=w.registration_b.pk).update(state=RegistrationState.RETURNED)
    services.send_reminders(campaign=w.campaign, reason="returned", acting_user=w.users["standing"])
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == w.users["officer_b"].email
    assert "Xã Thử Nghiệm" in message.get_payload(decode=True).decode("utf-8")


def test_overview_shows_how_often_a_unit_was_reminded(lagging, client):
    w = lagging
    services.send_reminders(campaign=w.campaign, reason="returned", acting_user=w.users["standing"])
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    services.send_reminders(campaign=w.campaign, reason="returned", acting_user=w.users["standing"],
                            on=tomorrow)
    client.force_login(w.users["standing"])
    page = client.get(reverse("registry:overview", args=[w.campaign.code])).content.decode()
    assert "Đã nhắc" in page
    assert f"đã nhắc 2 lần, lần cuối {tomorrow:%d/%m/%Y}" in page
