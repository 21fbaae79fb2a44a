"""An exemplar's lifecycle: registered → being fostered → proposed → recognised or not;
withdrawn from an open state; recognition revoked. The table is
``registry.workflow.EXEMPLAR_TRANSITIONS``; this module runs it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, StaleVersion
from core.text import clean_multiline
from registry import exemplar_changes, exemplar_guards, notifications
from registry.effects import Move
from registry.models import Exemplar
from registry.services._common import apply_transition
from registry.workflow import EXEMPLAR_TRANSITIONS

LIFECYCLE_AUDITED = ["state", "state_reason", "legal_basis"]


def transition_exemplar(*, exemplar: Exemplar, name: str, acting_user, reason: str = "",
                        legal_basis: str = "", expected_version: int | None = None,
                        driven: bool = False) -> Exemplar:
    """Move an exemplar along its lifecycle (``EXEMPLAR_TRANSITIONS[name]``).

    Refuses an unknown transition, an exemplar saved since ``expected_version`` was read
    (StaleVersion), a state the transition does not start from, a user without its permission,
    and a missing reason or legal basis where the transition requires one (a legal basis given
    to a step that declares none is ignored). A direct step (``driven=False``: the page, the API,
    the command) is also refused when an app driving it says so (``registry.exemplar_guards``:
    an exemplar in a proposal is recognised through the council and a decision, a decision's
    recognition is revoked with the decision); the driving services pass ``driven=True``.
    Side effects (one transaction): state, version, time of the change, reason (and legal
    basis) saved; one audit event (verb = the transition's name, with the reason); after commit,
    in-app notices and mail to the transition's audience through the task worker.
    """
    step = EXEMPLAR_TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    reason = clean_multiline(reason)
    # A legal basis belongs to the steps that declare one; elsewhere it is neither kept nor sent.
    legal_basis = clean_multiline(legal_basis) if step.needs_legal_basis else ""
    with transaction.atomic():
        current = Exemplar.objects.select_for_update().select_related(
            "registration__unit", "registration__campaign"
        ).get(pk=exemplar.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(_("Điển hình vừa được người khác thay đổi; hãy tải lại trang."))
        if (not driven and current.state in step.sources
                and acting_user.has_perm(step.permission, current)):
            refused = exemplar_guards.refusal(current, name)
            if refused:
                raise DomainError(refused)
        move = Move(acting_user=acting_user, reason=reason, legal_basis=legal_basis,
                    now=timezone.now())
        apply_transition(
            current, step, move, audited=LIFECYCLE_AUDITED, unit=current.registration.unit,
            wrong_state=_("Không thể “%(action)s” khi điển hình đang ở trạng thái “%(state)s”."),
        )
        exemplar_changes.changed([current.pk])  # its version moved
        notifications.exemplar_moved(exemplar=current, transition=step, acting_user=acting_user,
                                     reason=reason, legal_basis=legal_basis)
    return current
