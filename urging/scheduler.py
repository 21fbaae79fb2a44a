"""Automatic reminders from each campaign's schedule, run by the existing task worker.

``worker_tick()`` is called by the worker's loop (``portal.supervision.ResilientWorker``, set
up by ``manage.py task_worker``) between tasks. It starts the job at most once per
``INTERVAL``: the time it last did is a row (``SchedulerState``) read under a row lock, so a
restarted worker, or two workers, do not start it again early. The job itself
(``run_scheduled_reminders`` → ``run_due``) is idempotent: a reminder is one row per campaign,
unit, reason and day, so running it twice — or again after a crash half-way — sends only what
was not sent yet, and re-queues the delivery of reminders whose notice never went out.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from urging.models import Reminder, ReminderSchedule, SchedulerState

logger = logging.getLogger("dienhinh.worker")
JOB = "urging.scheduled_reminders"
INTERVAL = datetime.timedelta(minutes=15)
UNDELIVERED_AFTER = datetime.timedelta(minutes=10)


def due_today(schedule: ReminderSchedule, on: datetime.date) -> bool:
    deadline = schedule.campaign.registration_deadline
    return any(deadline + datetime.timedelta(days=int(o)) == on for o in schedule.offsets)


def run_due(*, on: datetime.date | None = None) -> dict:
    """Send every scheduled reminder due on ``on`` (default today); returns counts."""
    from guidance.models import CampaignStatus
    from urging import reasons
    from urging.services import _enqueue_delivery, send_scheduled

    on = on or timezone.localdate()
    sent = skipped = 0
    schedules = (ReminderSchedule.objects.filter(is_active=True)
                 .exclude(campaign__status=CampaignStatus.DRAFT).select_related("campaign__pack"))
    for schedule in schedules:
        if not due_today(schedule, on):
            continue
        for reason in schedule.reasons:
            if not reasons.is_known(reason):
                continue
            result = send_scheduled(campaign=schedule.campaign, reason=reason, on=on)
            sent, skipped = sent + len(result.sent), skipped + len(result.skipped)
    # A reminder committed but never delivered (the worker died before its task ran).
    stale = Reminder.objects.filter(delivered_at__isnull=True,
                                    created_at__lt=timezone.now() - UNDELIVERED_AFTER)
    requeued = 0
    for pk in stale.values_list("pk", flat=True):
        _enqueue_delivery(pk)
        requeued += 1
    return {"day": on.isoformat(), "sent": sent, "skipped": skipped, "requeued": requeued}


def worker_tick(now: datetime.datetime | None = None) -> bool:
    """Queue today's scheduled reminders when the last start is ``INTERVAL`` old (or never).
    True when it queued them."""
    from urging.tasks import run_scheduled_reminders

    now = now or timezone.now()
    with transaction.atomic():
        SchedulerState.objects.get_or_create(key=JOB)
        state = SchedulerState.objects.select_for_update().get(key=JOB)
        if state.last_started_at is not None and now - state.last_started_at < INTERVAL:
            return False
        state.last_started_at = now
        state.save(update_fields=["last_started_at"])
        transaction.on_commit(lambda: run_scheduled_reminders.enqueue())
    logger.info("scheduled reminders queued")
    return True
