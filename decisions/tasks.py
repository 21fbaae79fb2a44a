"""Notices about decisions, after commit: the officers and heads of each proposing unit hear that
a decision naming their exemplars was issued or revoked."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role


@task()
def notify_decision(*, decision_id: int, event: str, actor_id: int | None) -> int:
    """Mail and in-app notice to the proposing units. Returns how many were told."""
    from decisions.models import Decision
    from orgs.models import Unit
    from registry.tasks import deliver, recipients

    decision = Decision.objects.select_related("authority").get(pk=decision_id)
    unit_ids = set(decision.entries.values_list("proposal_item__proposal__unit_id", flat=True))
    url = reverse("decisions:decision_detail", args=[decision.pk])
    told = 0
    with override(settings.LANGUAGE_CODE):
        for unit in Unit.objects.filter(pk__in=unit_ids).order_by("pk"):
            people = [u for u in recipients(unit, (Role.UNIT_OFFICER, Role.UNIT_HEAD))
                      if u.pk != actor_id]
            names = list(decision.entries.filter(proposal_item__proposal__unit=unit)
                         .values_list("name", flat=True))
            values = {"reference": decision.reference, "authority": decision.authority.name,
                      "names": ", ".join(names)}
            if event == "revoked":
                subject = _("[Điển hình tiên tiến] Thu hồi Quyết định số %(reference)s") % values
                lines = [_("Quyết định số %(reference)s của %(authority)s đã bị thu hồi: "
                           "%(names)s.") % values,
                         _("Lý do: %(reason)s") % {"reason": decision.revoke_reason}]
            else:
                subject = _("[Điển hình tiên tiến] Quyết định số %(reference)s") % values
                lines = [_("Quyết định số %(reference)s của %(authority)s đã ban hành: "
                           "%(names)s.") % values]
            told += deliver(people, subject, lines, url)
    return told
