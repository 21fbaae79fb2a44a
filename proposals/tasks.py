"""Notices about a proposal's steps (Django tasks, like registry/tasks.py): the declared audience
of the step is told in the app and by mail, after commit, never the actor."""

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from proposals.models import Proposal
from registry.tasks import _deliver, recipients


@task()
def notify_proposal_moved(*, proposal_id: int, transition: str, actor_id: int | None,
                          reason: str = "") -> int:
    """Mail and in-app notice to the step's audience. Returns how many were told."""
    from proposals.workflow import PROPOSAL_TRANSITIONS

    proposal = Proposal.objects.select_related("unit", "campaign").get(pk=proposal_id)
    step = PROPOSAL_TRANSITIONS[transition]
    url = reverse("proposals:proposal_detail", args=[proposal.pk])
    people = [u for u in recipients(proposal.unit, step.audience) if u.pk != actor_id]
    with override(settings.LANGUAGE_CODE):
        subject = _("[Đề nghị khen thưởng] %(unit)s: %(state)s") % {
            "unit": proposal.unit.name, "state": proposal.get_state_display()}
        lines = [
            _("Đề nghị công nhận, khen thưởng của %(unit)s (%(campaign)s) đã chuyển sang: "
              "%(state)s.") % {"unit": proposal.unit.name, "campaign": proposal.campaign.name,
                               "state": proposal.get_state_display()},
            _("Thao tác: %(action)s.") % {"action": step.label},
        ]
        if reason:
            lines.append(_("Lý do: %(reason)s") % {"reason": reason})
        return _deliver(people, subject, lines, url)
