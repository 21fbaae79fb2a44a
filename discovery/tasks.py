"""Notices about screened suggestions (Django tasks, like proposals/tasks.py), after commit:
the routed unit's officers and heads are told in the app (and by mail); a declined sender who
gave an email address is told the reason."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from discovery.models import Suggestion
from registry.tasks import deliver, recipients

UNIT_AUDIENCE = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


@task()
def notify_suggestion_routed(*, suggestion_id: int, actor_id: int | None) -> int:
    """In-app notice (and mail) to the routed unit's officers and heads. Returns how many."""
    suggestion = Suggestion.objects.select_related("routed_unit").get(pk=suggestion_id)
    unit = suggestion.routed_unit
    if unit is None:
        return 0
    people = [u for u in recipients(unit, UNIT_AUDIENCE) if u.pk != actor_id]
    url = reverse("discovery:detail", args=[suggestion.pk])
    with override(settings.LANGUAGE_CODE):
        subject = _("[Phát hiện điển hình] Giới thiệu người tốt, việc tốt chuyển %(unit)s") % {
            "unit": unit.name}
        lines = [
            _("Cơ quan thường trực chuyển đến %(unit)s giới thiệu người tốt, việc tốt: "
              "%(whom)s (%(where)s).") % {"unit": unit.name, "whom": suggestion.whom,
                                           "where": suggestion.where},
            _("Đơn vị xem xét, nếu phù hợp thì đăng ký điển hình."),
        ]
        return deliver(people, subject, lines, url)


@task()
def mail_suggestion_declined(*, suggestion_id: int) -> int:
    """One mail to the sender with the reason. Returns 1 when sent, 0 without an address."""
    suggestion = Suggestion.objects.get(pk=suggestion_id)
    if not suggestion.contact_email:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject = _("Về giới thiệu người tốt, việc tốt của ông/bà")
        body = "\n".join([
            _("Kính gửi ông/bà %(name)s,") % {"name": suggestion.sender_name},
            _("Cảm ơn ông/bà đã giới thiệu “%(whom)s” ngày %(date)s. Sau khi xem xét, cơ quan "
              "thường trực Hội đồng Thi đua - Khen thưởng tỉnh chưa tiếp nhận giới thiệu này.")
            % {"whom": suggestion.whom, "date": suggestion.created_at.strftime("%d/%m/%Y")},
            _("Lý do: %(reason)s") % {"reason": suggestion.decline_reason},
            _("Trân trọng."),
        ])
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [suggestion.contact_email])
    return 1
