"""Reminders: the list (every signed-in token; scoped — a unit sees its own) and sending (the
standing office and the administrator, with a write token)."""

from tests.api.spec import Change, Read, everyone

STANDING = ("standing", "admin")


def _returned(w):
    from registry.models import Registration

    Registration.objects.filter(pk=w.registration_b.pk).update(state="returned")
    return {"campaign": w.campaign.code, "reason": "returned", "units": [w.unit_b.code]}


def _reminders(w):
    from urging.models import Reminder

    return Reminder.objects.count()


OPERATIONS = {
    ("GET", "/reminders/"): Read(lambda w: "/reminders/", everyone(200)),
    ("POST", "/reminders/send"): Change(lambda w: "/reminders/send", STANDING, _reminders, _returned),
}
