"""The named effects a transition declares (``registry.workflow``), run by the services.

An effect gets the object being moved (locked, its state already set to the target) and the
``Move`` (who, when, the reason and legal basis given); it sets fields on the object and returns
their names for ``save(update_fields=...)``, or raises ``DomainError`` to refuse the move.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError


@dataclass(frozen=True)
class Move:
    """What an effect may read about the move being made."""

    acting_user: Any
    reason: str
    now: datetime.datetime
    legal_basis: str = ""


@dataclass(frozen=True)
class Effect:
    """One named change applied to the moving object; ``apply`` returns the fields it set."""

    name: str
    apply: Callable[[Any, Move], Iterable[str]]

    def __call__(self, obj, move: Move) -> list[str]:
        return list(self.apply(obj, move))


# --- registrations ---------------------------------------------------------------------------
def _require_quota_or_reason(registration, move: Move) -> Iterable[str]:
    """The head may approve below quota only with a reason (recorded for the standing office)."""
    from registry.quotas import quota_status
    from registry.selectors import counts_by_kind

    status = quota_status(registration.campaign, registration.unit, counts_by_kind(registration))
    if status is not None and not status.met and not move.reason:
        missing = ", ".join(
            f"{line.label} {line.registered}/{line.required}" for line in status.lines if not line.met
        )
        raise DomainError(
            _("Biểu đăng ký chưa đủ chỉ tiêu tối thiểu (%(missing)s). Hãy nêu lý do để duyệt.")
            % {"missing": missing},
            field="reason",
        )
    return ()


def _keep_below_quota_reason(registration, move: Move) -> Iterable[str]:
    if not move.reason:
        return ()
    registration.below_quota_reason = move.reason
    return ("below_quota_reason",)


def _stamp_submitted(registration, move: Move) -> Iterable[str]:
    registration.submitted_at = move.now
    registration.is_late = registration.campaign.is_late_on(timezone.localdate(move.now))
    return ("submitted_at", "is_late")


def _stamp_received(registration, move: Move) -> Iterable[str]:
    registration.received_at = move.now
    return ("received_at",)


def _keep_return_reason(registration, move: Move) -> Iterable[str]:
    registration.return_reason = move.reason
    return ("return_reason",)


REQUIRE_QUOTA_OR_REASON = Effect("require_quota_or_reason", _require_quota_or_reason)
KEEP_BELOW_QUOTA_REASON = Effect("keep_below_quota_reason", _keep_below_quota_reason)
STAMP_SUBMITTED = Effect("stamp_submitted", _stamp_submitted)
STAMP_RECEIVED = Effect("stamp_received", _stamp_received)
KEEP_RETURN_REASON = Effect("keep_return_reason", _keep_return_reason)


# --- exemplars -------------------------------------------------------------------------------
def _stamp_state_changed(exemplar, move: Move) -> Iterable[str]:
    exemplar.state_changed_at = move.now
    return ("state_changed_at",)


def _keep_state_reason(exemplar, move: Move) -> Iterable[str]:
    exemplar.state_reason = move.reason
    return ("state_reason",)


def _keep_legal_basis(exemplar, move: Move) -> Iterable[str]:
    exemplar.legal_basis = move.legal_basis
    return ("legal_basis",)


STAMP_STATE_CHANGED = Effect("stamp_state_changed", _stamp_state_changed)
KEEP_STATE_REASON = Effect("keep_state_reason", _keep_state_reason)
KEEP_LEGAL_BASIS = Effect("keep_legal_basis", _keep_legal_basis)
