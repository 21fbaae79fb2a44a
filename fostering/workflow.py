"""The fostering plan's workflow, declared like the registration's (``registry.workflow``):
the unit officer writes and submits, the unit head approves or returns with a reason, and an
approved plan — frozen — is reopened by the head, with a reason, before anything changes.

The steps mirror the registration's roles (officer prepares, head approves). Names are
distinct from the registry's verbs because the change log names verbs across apps.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from fostering.models import PlanState as P
from registry.effects import Effect, Move
from registry.workflow import Transition


def _stamp_submitted(plan, move: Move) -> Iterable[str]:
    plan.submitted_at = move.now
    plan.return_reason = ""
    return ("submitted_at", "return_reason")


def _stamp_approved(plan, move: Move) -> Iterable[str]:
    plan.approved_by = move.acting_user
    plan.approved_at = move.now
    return ("approved_by", "approved_at")


def _keep_return_reason(plan, move: Move) -> Iterable[str]:
    plan.return_reason = move.reason
    return ("return_reason",)


def _clear_approval(plan, move: Move) -> Iterable[str]:
    plan.approved_by = None
    plan.approved_at = None
    return ("approved_by", "approved_at")


STAMP_SUBMITTED = Effect("stamp_plan_submitted", _stamp_submitted)
STAMP_APPROVED = Effect("stamp_plan_approved", _stamp_approved)
KEEP_RETURN_REASON = Effect("keep_plan_return_reason", _keep_return_reason)
CLEAR_APPROVAL = Effect("clear_plan_approval", _clear_approval)


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


PLAN_TRANSITIONS: dict[str, Transition] = _table(
    Transition("submit_plan", _("Trình thủ trưởng duyệt kế hoạch"),
               frozenset({P.DRAFT, P.RETURNED}), P.SUBMITTED, "fostering.submit_plan",
               effects=(STAMP_SUBMITTED,)),
    Transition("approve_plan", _("Duyệt kế hoạch"),
               frozenset({P.SUBMITTED}), P.APPROVED, "fostering.approve_plan",
               effects=(STAMP_APPROVED,)),
    Transition("return_plan", _("Trả lại kế hoạch để chỉnh sửa"),
               frozenset({P.SUBMITTED}), P.RETURNED, "fostering.approve_plan",
               needs_reason=True, effects=(KEEP_RETURN_REASON,)),
    Transition("reopen_plan", _("Mở lại kế hoạch đã duyệt để sửa"),
               frozenset({P.APPROVED}), P.RETURNED, "fostering.reopen_plan",
               needs_reason=True, effects=(KEEP_RETURN_REASON, CLEAR_APPROVAL)),
)


def available(state: str) -> list[Transition]:
    return [t for t in PLAN_TRANSITIONS.values() if state in t.sources]
