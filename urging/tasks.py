"""Delivering a reminder (the task worker runs it after the reminder's row is committed) and
the scheduled reminders' job."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from registry.tasks import recipients
from urging.models import Reminder


@task()
def deliver_reminder(*, reminder_id: int) -> int:
    """The in-app notice and the mail of one reminder, once: a reminder already delivered (the
    task ran twice, or was queued again after a restart) is left alone. Returns how many."""
    from urging.services import RECIPIENT_ROLES

    with transaction.atomic():
        reminder = (Reminder.objects.select_for_update().select_related("unit", "campaign")
                    .filter(pk=reminder_id).first())
        if reminder is None or reminder.delivered_at is not None:
            return 0
        people = recipients(reminder.unit, RECIPIENT_ROLES)
        url = reverse("orgs:unit_detail", args=[reminder.unit_id])
        if "in_app" in reminder.channels:
            Notification.objects.bulk_create(
                [Notification(user=u, message=reminder.subject[:500], url=url) for u in people])
        reminder.delivered_at = timezone.now()
        reminder.recipients = len(people)
        reminder.save(update_fields=["delivered_at", "recipients"])
        addresses = [u.email for u in people if u.email]
        if "email" in reminder.channels and addresses:
            body = f"{reminder.message}\n\n{settings.SITE_URL}{url}"
            send_mail(reminder.subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    return len(people)


@task()
def run_scheduled_reminders(*, on: str | None = None) -> dict:
    """Today's automatic reminders (``urging.scheduler.run_due``)."""
    import datetime

    from urging.scheduler import run_due

    day = datetime.date.fromisoformat(on) if on else None
    return run_due(on=day)
