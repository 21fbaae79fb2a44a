"""Sending reminders, editing their templates and the automatic schedule.

``send_reminders`` is the one way a reminder is made — the page, the API, the command and the
scheduled job all call it (the job through ``send_scheduled``, with no acting user). A reminder
is one ``Reminder`` row per campaign, unit, reason and day (a unique constraint): a second
attempt the same day is skipped, whoever makes it and however often the job runs. The in-app
notices and the mail go out after commit, through ``urging.tasks.deliver_reminder``.
"""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from audit.log import record
from audit.models import Action
from core.errors import DomainError, NotAllowed
from core.text import clean, clean_multiline
from urging import reasons as reason_registry
from urging.models import Reminder, ReminderSchedule, ReminderTemplate, validate_template_text

CHANNELS = ("in_app", "email")
# Who in a unit receives its reminders.
RECIPIENT_ROLES = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


def default_template(reason: str) -> tuple[str, str]:
    """The message used until the standing office writes one for ``reason``."""
    subject = _("[Điển hình tiên tiến] Đôn đốc: {don_vi}")
    body = _("Kính gửi {don_vi},\n\nThường trực Hội đồng Thi đua - Khen thưởng tỉnh đề nghị quý "
             "đơn vị khẩn trương hoàn thành việc đăng ký điển hình tiên tiến ({dot}).\n"
             "Nội dung còn thiếu: {con_thieu}.\nHạn: {han}.\n\nTrân trọng.")
    return str(subject), str(body)


def template_for(reason: str, on: datetime.date) -> tuple[str, str]:
    found = (ReminderTemplate.objects.filter(reason=reason, valid_from__lte=on)
             .exclude(valid_to__lt=on).order_by("-valid_from", "-pk").first())
    return (found.subject, found.body) if found else default_template(reason)


def render(text: str, *, unit, campaign, deadline: datetime.date, missing: str) -> str:
    return text.format_map({"don_vi": unit.name, "han": deadline.strftime("%d/%m/%Y"),
                            "con_thieu": missing or _("(không có)"), "dot": campaign.name})


@dataclass
class Sent:
    unit: object
    reason: str
    channels: list[str]
    subject: str
    message: str
    missing: str = ""
    reminder: Reminder | None = None  # None on a dry run

    def as_json(self) -> dict:
        return {"unit": self.unit.code, "reason": self.reason, "channels": self.channels}


@dataclass
class Skipped:
    unit: object | None
    reason: str
    why: str

    def as_json(self) -> dict:
        return {"unit": self.unit.code if self.unit is not None else None,
                "reason": self.reason, "why": self.why}


@dataclass
class Result:
    sent: list[Sent] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"sent": [s.as_json() for s in self.sent],
                "skipped": [s.as_json() for s in self.skipped]}


def _channels(unit) -> list[str]:
    from registry.tasks import recipients

    people = recipients(unit, RECIPIENT_ROLES)
    if not people:
        return []
    return ["in_app", "email"] if any(p.email for p in people) else ["in_app"]




def send_reminders(*, campaign, reason: str, units=None, acting_user, dry_run: bool = False,
                   on: datetime.date | None = None) -> Result:
    """Remind the units lagging for ``reason`` (only those among ``units`` when given) on
    ``on`` (default today). The standing office (and the system administrator) only."""
    if not acting_user.has_perm("urging.send_reminders"):
        raise NotAllowed(_("Chỉ Thường trực Hội đồng (Sở Nội vụ) được gửi nhắc nhở."))
    return _send(campaign=campaign, reason=reason, units=units, acting_user=acting_user,
                 dry_run=dry_run, on=on)


def send_scheduled(*, campaign, reason: str, on: datetime.date) -> Result:
    """The automatic reminders of one day (``urging.scheduler``): no acting user."""
    return _send(campaign=campaign, reason=reason, units=None, acting_user=None, dry_run=False,
                 on=on)


def _send(*, campaign, reason, units, acting_user, dry_run, on) -> Result:
    on = on or timezone.localdate()
    result = Result()
    if not reason_registry.is_known(reason):
        raise DomainError(_("Lý do nhắc không có: “%(reason)s”.") % {"reason": reason})
    chosen = reason_registry.get_reason(reason)
    if chosen is None:
        result.skipped.append(Skipped(None, reason, _(
            "Chưa có dữ liệu: chức năng “%(label)s” chưa được đưa vào hệ thống.")
            % {"label": reason_registry.label(reason)}))
        return result
    targets = chosen.select(campaign, on)
    if units is not None:
        wanted = {u.pk for u in units}
        targets = [t for t in targets if t.unit.pk in wanted]
    if acting_user is not None:  # a provincial standing office reminds its province's units
        from accounts import roles

        targets = [t for t in targets if roles.in_scope(acting_user, t.unit)]
    already = set(Reminder.objects.filter(campaign=campaign, reason=reason, day=on)
                  .values_list("unit_id", flat=True))
    subject_t, body_t = template_for(reason, on)
    for target in targets:
        unit = target.unit
        if unit.pk in already:
            result.skipped.append(Skipped(unit, reason, _("Đã nhắc đơn vị này hôm nay.")))
            continue
        channels = _channels(unit)
        if not channels:
            result.skipped.append(Skipped(unit, reason, _(
                "Đơn vị chưa có người nhận (chưa có tài khoản cán bộ hoặc thủ trưởng).")))
            continue
        deadline = getattr(target, "deadline", None) or campaign.registration_deadline
        values = {"unit": unit, "campaign": campaign, "deadline": deadline,
                  "missing": target.missing_text}
        item = Sent(unit, reason, channels, render(subject_t, **values)[:300],
                    render(body_t, **values), target.missing_text)
        if not dry_run:
            item.reminder = _record(campaign, item, on, acting_user)
            if item.reminder is None:
                result.skipped.append(Skipped(unit, reason, _("Đã nhắc đơn vị này hôm nay.")))
                continue
        result.sent.append(item)
    return result


def _record(campaign, item: Sent, on, acting_user) -> Reminder | None:
    """The reminder's row, its audit entry and its delivery after commit; None when another
    attempt made it first (the unique constraint)."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                campaign=campaign, unit=item.unit, reason=item.reason, day=on,
                channels=item.channels, subject=item.subject, message=item.message,
                sent_by=acting_user)
            record(actor=acting_user, action=Action.CREATE, obj=reminder, verb="remind",
                   after={"reason": item.reason, "day": on.isoformat(),
                          "channels": item.channels, "automatic": acting_user is None},
                   unit=item.unit)
            transaction.on_commit(lambda pk=reminder.pk: _enqueue_delivery(pk))
    except IntegrityError:
        return None
    return reminder


def _enqueue_delivery(reminder_id: int) -> None:
    from urging.tasks import deliver_reminder

    deliver_reminder.enqueue(reminder_id=reminder_id)


# --- templates and schedule ------------------------------------------------------------------

def save_template(*, reason: str, subject: str, body: str, valid_from: datetime.date,
                  valid_to: datetime.date | None = None, template: ReminderTemplate | None = None,
                  acting_user) -> ReminderTemplate:
    """Write a reason's message (a new template, or change ``template``)."""
    from django.core.exceptions import ValidationError

    if not acting_user.has_perm("urging.manage_templates"):
        raise NotAllowed(_("Chỉ Thường trực Hội đồng (Sở Nội vụ) được sửa mẫu nhắc nhở."))
    if not reason_registry.is_known(reason):
        raise DomainError(_("Lý do nhắc không có: “%(reason)s”.") % {"reason": reason},
                          field="reason")
    subject, body = clean(subject or ""), clean_multiline(body or "")
    for name, text in (("subject", subject), ("body", body)):
        if not text:
            raise DomainError(_("Không được để trống."), field=name)
        try:
            validate_template_text(text)
        except ValidationError as error:
            raise DomainError(error.messages[0], field=name) from error
    if valid_to and valid_to < valid_from:
        raise DomainError(_("Ngày kết thúc áp dụng phải sau ngày bắt đầu."), field="valid_to")
    with transaction.atomic():
        before = None
        if template is None:
            template = ReminderTemplate(reason=reason)
            action = Action.CREATE
        else:
            template = ReminderTemplate.objects.select_for_update().get(pk=template.pk)
            before = {"subject": template.subject, "body": template.body,
                      "valid_from": str(template.valid_from), "valid_to": str(template.valid_to)}
            action = Action.UPDATE
        template.reason, template.subject, template.body = reason, subject, body
        template.valid_from, template.valid_to, template.updated_by = valid_from, valid_to, acting_user
        template.save()
        record(actor=acting_user, action=action, obj=template, before=before,
               after={"subject": subject, "body": body, "valid_from": str(valid_from),
                      "valid_to": str(valid_to)})
    return template


def parse_offsets(text: str) -> list[int]:
    offsets = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            value = int(part)
        except ValueError as error:
            raise DomainError(_("“%(value)s” không phải số ngày (ví dụ: -7, -1, 1).")
                              % {"value": part}, field="offsets") from error
        if not -366 <= value <= 366:
            raise DomainError(_("Số ngày phải trong khoảng -366…366."), field="offsets")
        offsets.append(value)
    return sorted(set(offsets))


def save_schedule(*, campaign, offsets: list[int], reasons: list[str], is_active: bool = True,
                  acting_user) -> ReminderSchedule:
    """The campaign's automatic reminders: on which days around the deadline, for which reasons."""
    if not acting_user.has_perm("urging.manage_templates"):
        raise NotAllowed(_("Chỉ Thường trực Hội đồng (Sở Nội vụ) được đặt lịch nhắc."))
    unknown = [r for r in reasons if not reason_registry.is_known(r)]
    if unknown:
        raise DomainError(_("Lý do nhắc không có: “%(reason)s”.") % {"reason": unknown[0]},
                          field="reasons")
    with transaction.atomic():
        schedule, created = ReminderSchedule.objects.select_for_update().get_or_create(
            campaign=campaign, defaults={"offsets": offsets, "reasons": reasons,
                                         "is_active": is_active})
        before = None if created else {"offsets": schedule.offsets, "reasons": schedule.reasons,
                                       "is_active": schedule.is_active}
        schedule.offsets, schedule.reasons, schedule.is_active = offsets, reasons, is_active
        schedule.save()
        record(actor=acting_user, action=Action.CREATE if created else Action.UPDATE,
               obj=schedule, before=before,
               after={"offsets": offsets, "reasons": reasons, "is_active": is_active})
    return schedule
