"""Notices about inspections (Django tasks, like registry/tasks.py): the declared audience of a
step is told in the app and by mail, after commit, never the actor."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from inspections.models import FollowUp, Inspection
from registry.tasks import _deliver, recipients


@task()
def notify_inspection_moved(*, inspection_id: int, transition: str, actor_id: int | None) -> int:
    from inspections.workflow import INSPECTION_TRANSITIONS

    inspection = Inspection.objects.get(pk=inspection_id)
    step = INSPECTION_TRANSITIONS[transition]
    url = reverse("inspections:inspection_detail", args=[inspection.pk])
    told = 0
    with override(settings.LANGUAGE_CODE):
        for unit in inspection.units.all():
            people = [u for u in recipients(unit, step.audience) if u.pk != actor_id]
            subject = _("[Kiểm tra] %(title)s: %(state)s") % {
                "title": inspection.title, "state": inspection.get_state_display()}
            lines = [_("Đợt kiểm tra “%(title)s” tại %(unit)s: %(action)s.") % {
                "title": inspection.title, "unit": unit.name, "action": step.label}]
            told += _deliver(people, subject, lines, url)
    return told


@task()
def notify_follow_up_moved(*, follow_up_id: int, transition: str, actor_id: int | None,
                           reason: str) -> int:
    from inspections.workflow import FOLLOW_UP_TRANSITIONS

    follow_up = FollowUp.objects.select_related("unit", "inspection").get(pk=follow_up_id)
    step = FOLLOW_UP_TRANSITIONS[transition]
    url = reverse("inspections:inspection_detail", args=[follow_up.inspection_id])
    people = [u for u in recipients(follow_up.unit, step.audience) if u.pk != actor_id]
    with override(settings.LANGUAGE_CODE):
        subject = _("[Kiểm tra] %(unit)s: %(state)s") % {
            "unit": follow_up.unit.name, "state": follow_up.get_state_display()}
        lines = [_("Việc khắc phục “%(action)s” của %(unit)s: %(step)s.") % {
            "action": follow_up.action[:120], "unit": follow_up.unit.name, "step": step.label}]
        if reason:
            lines.append(_("Nội dung: %(reason)s") % {"reason": reason})
        return _deliver(people, subject, lines, url)
