"""The demo's reminders: templates, the open campaign's schedule and reminders already sent,
shown on the standing office's list and on the reminded unit's page."""

from django.core.management import call_command
from django.urls import reverse

from urging.models import Reminder, ReminderSchedule, ReminderTemplate


def test_demo_seeds_reminders(db, client):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert ReminderTemplate.objects.count() == 3
    assert ReminderSchedule.objects.get().offsets == [-7, -1, 1]
    reminder = Reminder.objects.filter(reason="returned").first()
    assert reminder is not None and Reminder.objects.filter(unit=reminder.unit).count() >= 2
    assert "gửi lại" in reminder.message
    assert client.login(username="sonoivu", password="DienHinh@2026")
    page = client.get(reverse("orgs:unit_detail", args=[reminder.unit_id])).content.decode()
    assert "đã nhắc 2 lần, lần cuối" in page
