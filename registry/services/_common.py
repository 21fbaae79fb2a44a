"""What every registry service shares: the permission check, the registration's version bump,
and running a declared transition (``registry.workflow``)."""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from registry import tallies
from registry.effects import Move
from registry.models import Registration
from registry.workflow import Transition


def require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def touch(registration: Registration) -> None:
    """After a write to the registration's entries: its version bumped, its stored counts by
    kind recounted (one UPDATE) and its campaign's cached counts renewed after commit
    (``registry.tallies``)."""
    tallies.recount(Registration.objects.filter(pk=registration.pk),
                    version=F("version") + 1, updated_at=timezone.now())
    registration.refresh_from_db(fields=["version", "updated_at", *tallies.KIND_COUNTS.values()])
    tallies.changed([registration.campaign_id])


def apply_transition(current, step: Transition, move: Move, *, wrong_state: str,
                     audited: list[str], unit) -> None:
    """Check and run ``step`` on ``current`` (already locked and version-checked).

    In order: the source state (``wrong_state`` is the refusal, with ``action`` and ``state``
    placeholders), the permission on the object, the reason and legal basis when declared
    required; then the state and version are set, the declared effects run, the object is saved
    with ``update_fields`` and one audit event (verb = the transition's name, with the reason)
    is written.
    """
    if current.state not in step.sources:
        raise DomainError(wrong_state % {"action": step.label, "state": current.get_state_display()})
    require(move.acting_user, step.permission, current)
    if step.needs_reason and not move.reason:
        raise DomainError(_("Hãy nêu lý do."), field="reason")
    if step.needs_legal_basis and not move.legal_basis:
        raise DomainError(_("Hãy nêu căn cứ (số, ngày, trích yếu văn bản)."), field="legal_basis")
    before = log.snapshot(current, audited)
    update = ["state", "version", "updated_at"]
    current.state = step.target
    current.version += 1
    for effect in step.effects:
        update += effect(current, move)
    current.save(update_fields=update)
    log.record(actor=move.acting_user, action=Action.TRANSITION, obj=current, unit=unit,
               verb=step.name, reason=move.reason, before=before,
               after=log.snapshot(current, audited))
