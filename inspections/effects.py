"""What the inspection steps do on the way (``registry.effects.Effect``: apply(obj, move) →
the fields it set). An effect that refuses raises ``DomainError`` before anything is saved."""

from django.utils.translation import gettext as _

from core.errors import DomainError
from registry.effects import Effect, Move


def _require_conclusion(inspection, move: Move) -> list[str]:
    if not inspection.conclusion.strip():
        raise DomainError(_("Hãy ghi kết luận chung trước khi kết luận kiểm tra."),
                          field="conclusion")
    return []


def _stamp_concluded(inspection, move: Move) -> list[str]:
    inspection.concluded_at = move.now
    return ["concluded_at"]


def _no_follow_up_left(inspection, move: Move) -> list[str]:
    from inspections.enums import FollowUpState

    if inspection.follow_ups.exclude(state=FollowUpState.CLOSED).exists():
        raise DomainError(_("Còn việc khắc phục chưa kết thúc; chưa thể kết thúc đợt kiểm tra."))
    return []


def _keep_unit_note(follow_up, move: Move) -> list[str]:
    follow_up.unit_note = move.reason
    return ["unit_note"]


def _keep_state_reason(obj, move: Move) -> list[str]:
    obj.state_reason = move.reason
    return ["state_reason"]


def _stamp_closed(follow_up, move: Move) -> list[str]:
    follow_up.closed_at = move.now
    follow_up.closed_by = move.acting_user if getattr(move.acting_user, "pk", None) else None
    return ["closed_at", "closed_by"]


REQUIRE_CONCLUSION = Effect("require_conclusion", _require_conclusion)
STAMP_CONCLUDED = Effect("stamp_concluded", _stamp_concluded)
NO_FOLLOW_UP_LEFT = Effect("no_follow_up_left", _no_follow_up_left)
KEEP_UNIT_NOTE = Effect("keep_unit_note", _keep_unit_note)
KEEP_STATE_REASON = Effect("keep_state_reason", _keep_state_reason)
STAMP_CLOSED = Effect("stamp_closed", _stamp_closed)
