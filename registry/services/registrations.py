"""Writes to registrations: start one, its printed details, and its workflow transitions."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, StaleVersion
from core.text import clean, clean_multiline
from guidance.models import Campaign
from orgs.models import Unit
from registry import notifications, tallies
from registry.effects import Move
from registry.models import Registration
from registry.services._common import apply_transition, require
from registry.workflow import TRANSITIONS

REGISTRATION_AUDITED = ["state", "signer_name", "recipients", "below_quota_reason", "return_reason"]


def create_registration(*, campaign: Campaign, unit: Unit, acting_user) -> Registration:
    """Start the unit's Biểu đăng ký for the campaign (idempotent). Side effects: audit log."""
    probe = Registration(campaign=campaign, unit=unit)
    require(acting_user, "registry.change_registration", probe)
    with transaction.atomic():
        registration, created = Registration.objects.get_or_create(campaign=campaign, unit=unit)
        if created:
            log.record(actor=acting_user, action=Action.CREATE, obj=registration, unit=unit,
                       after=log.snapshot(registration, REGISTRATION_AUDITED))
    return registration


def transition_registration(*, registration: Registration, transition: str, acting_user,
                            reason: str = "", expected_version: int | None = None) -> Registration:
    """Move a registration along the workflow (``registry.workflow.TRANSITIONS``).

    Side effects: state and the transition's declared effects (submitted/received time,
    lateness, reasons) saved; audit log with the reason; notifications to the declared audience
    (mail through the task worker + in-app) after commit.
    """
    step = TRANSITIONS.get(transition)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    reason = clean_multiline(reason)
    with transaction.atomic():
        current = Registration.objects.select_for_update().select_related(
            "unit", "campaign", "campaign__pack"
        ).get(pk=registration.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(_("Biểu đăng ký vừa được người khác thay đổi; hãy tải lại trang."))
        move = Move(acting_user=acting_user, reason=reason, now=timezone.now())
        apply_transition(
            current, step, move, audited=REGISTRATION_AUDITED, unit=current.unit,
            wrong_state=_("Không thể “%(action)s” khi biểu đăng ký đang ở trạng thái "
                          "“%(state)s”."),
        )
        tallies.changed([current.campaign_id])  # the lists count by registration state
        notifications.registration_moved(registration=current, transition=step,
                                         acting_user=acting_user, reason=reason)
    return current


def update_registration_details(*, registration: Registration, signer_name: str, recipients: str,
                                expected_version: int, acting_user) -> Registration:
    """The signer's name and "Nơi nhận" printed on the form, unless someone saved meanwhile.

    Side effects: audit log with before/after; version bump.
    """
    require(acting_user, "registry.change_registration", registration)
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.version != expected_version:
            raise StaleVersion(
                _("Biểu đăng ký vừa được người khác thay đổi; hãy tải lại trang rồi sửa lại.")
            )
        before = log.snapshot(current, REGISTRATION_AUDITED)
        current.signer_name = clean(signer_name)
        current.recipients = clean_multiline(recipients)
        current.version += 1
        current.save(update_fields=["signer_name", "recipients", "version", "updated_at"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=current.unit,
                   before=before, after=log.snapshot(current, REGISTRATION_AUDITED))
    return current
