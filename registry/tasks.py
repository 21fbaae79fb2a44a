"""Background work for the registry (Django's tasks API; a database-backed worker runs it).

Who is told about a move is the transition's declared ``audience`` (``registry.workflow``).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import PROVINCE_WIDE_ROLES, Membership, Notification
from registry.models import Exemplar, Registration


def recipients(unit, audience: tuple[str, ...]):
    """The active members holding one of the ``audience`` roles: unit roles in ``unit``,
    province-wide roles in the province ``unit`` lies in (accounts.roles: their scope)."""
    from accounts import roles

    unit_roles = [r for r in audience if r not in PROVINCE_WIDE_ROLES]
    wide_roles = [r for r in audience if r in PROVINCE_WIDE_ROLES]
    condition = Q(unit=unit, role__in=unit_roles)
    if wide_roles:
        condition |= Q(role__in=wide_roles)
    members = Membership.objects.filter(condition, is_active=True).select_related("user")
    people = {}
    for m in members:
        if m.role in PROVINCE_WIDE_ROLES and not roles.in_province_scope(m.user, unit):
            continue
        people[m.user.pk] = m.user
    return sorted(people.values(), key=lambda u: u.pk)


def _deliver(people, subject: str, body_lines: list, url: str) -> int:
    """An in-app notice (the first line) and one mail to everyone with an address."""
    body_lines.append(_("Xem tại: %(url)s") % {"url": settings.SITE_URL + url})
    body = "\n".join(str(line) for line in body_lines)
    Notification.objects.bulk_create(
        [Notification(user=u, message=body_lines[0][:500], url=url) for u in people]
    )
    addresses = [u.email for u in people if u.email]
    if addresses:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    return len(people)


deliver = _deliver  # for the other apps' notices (decisions.tasks)


@task()
def notify_registration_moved(*, registration_id: int, transition: str, actor_id: int | None,
                              reason: str) -> int:
    """Mail and in-app notice to the people concerned. Returns how many were told."""
    from registry.workflow import TRANSITIONS

    registration = Registration.objects.select_related("unit", "campaign").get(pk=registration_id)
    step = TRANSITIONS[transition]
    url = reverse("registry:registration_detail", args=[registration.pk])
    people = [u for u in recipients(registration.unit, step.audience) if u.pk != actor_id]
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
        return _deliver(people, subject, body_lines, url)


@task()
def notify_exemplar_moved(*, exemplar_id: int, transition: str, actor_id: int | None,
                          reason: str, legal_basis: str = "") -> int:
    """Mail and in-app notice about an exemplar's lifecycle step. Returns how many were told."""
    from registry.workflow import EXEMPLAR_TRANSITIONS

    exemplar = Exemplar.objects.select_related("registration__unit",
                                               "registration__campaign").get(pk=exemplar_id)
    unit, campaign = exemplar.registration.unit, exemplar.registration.campaign
    step = EXEMPLAR_TRANSITIONS[transition]
    url = reverse("registry:exemplar_detail", args=[exemplar.pk])
    people = [u for u in recipients(unit, step.audience) if u.pk != actor_id]
    with override(settings.LANGUAGE_CODE):
        subject = _("[Điển hình tiên tiến] %(name)s: %(state)s") % {
            "name": exemplar.name, "state": exemplar.get_state_display(),
        }
        body_lines = [
            _("Điển hình “%(name)s” của %(unit)s (%(campaign)s) đã chuyển sang: %(state)s.")
            % {"name": exemplar.name, "unit": unit.name, "campaign": campaign.name,
               "state": exemplar.get_state_display()},
            _("Thao tác: %(action)s.") % {"action": step.label},
        ]
        if reason:
            body_lines.append(_("Lý do: %(reason)s") % {"reason": reason})
        if legal_basis:
            body_lines.append(_("Căn cứ: %(basis)s") % {"basis": legal_basis})
        return _deliver(people, subject, body_lines, url)
