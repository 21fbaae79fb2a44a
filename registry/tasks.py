"""Background work for the registry (Django's tasks API; a database-backed worker runs it)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Membership, Notification, Role
from registry.models import Registration

_AUDIENCE = {
    "send_for_approval": (Role.UNIT_HEAD,),
    "send_back": (Role.UNIT_OFFICER,),
    "approve": (Role.UNIT_OFFICER, Role.STANDING_OFFICE),
    "receive": (Role.UNIT_OFFICER, Role.UNIT_HEAD),
    "return": (Role.UNIT_OFFICER, Role.UNIT_HEAD),
    "reopen": (Role.UNIT_OFFICER, Role.UNIT_HEAD),
}


def recipients(registration: Registration, transition: str):
    audience = _AUDIENCE.get(transition, ())
    unit_roles = [r for r in audience if r != Role.STANDING_OFFICE]
    condition = Q(unit=registration.unit, role__in=unit_roles)
    if Role.STANDING_OFFICE in audience:
        condition |= Q(role=Role.STANDING_OFFICE)
    members = Membership.objects.filter(condition, is_active=True).select_related("user")
    return sorted({m.user for m in members}, key=lambda u: u.pk)


@task()
def notify_registration_moved(*, registration_id: int, transition: str, actor_id: int | None,
                              reason: str) -> int:
    """Mail and in-app notice to the people concerned. Returns how many were told."""
    from registry.workflow import TRANSITIONS

    registration = Registration.objects.select_related("unit", "campaign").get(pk=registration_id)
    step = TRANSITIONS[transition]
    url = reverse("registry:registration_detail", args=[registration.pk])
    people = [u for u in recipients(registration, transition) if u.pk != actor_id]
    with override(settings.LANGUAGE_CODE):
        subject = _("[Điển hình tiên tiến] %(unit)s: %(state)s") % {
            "unit": registration.unit.name, "state": registration.get_state_display(),
        }
        body_lines = [
            _("Biểu đăng ký của %(unit)s (%(campaign)s) đã chuyển sang: %(state)s.")
            % {"unit": registration.unit.name, "campaign": registration.campaign.name,
               "state": registration.get_state_display()},
            _("Thao tác: %(action)s.") % {"action": step.label},
        ]
        if reason:
            body_lines.append(_("Lý do: %(reason)s") % {"reason": reason})
        body_lines.append(_("Xem tại: %(url)s") % {"url": settings.SITE_URL + url})
        body = "\n".join(str(line) for line in body_lines)
        Notification.objects.bulk_create(
            [Notification(user=u, message=body_lines[0][:500], url=url) for u in people]
        )
        addresses = [u.email for u in people if u.email]
        if addresses:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    return len(people)
