"""The suggestion's workflow, declared: the standing office accepts and routes it to a unit,
or declines it with a reason. Both are final."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from discovery.models import SuggestionState as S
from registry.effects import Effect, Move
from registry.workflow import Transition


def _stamp_screened(suggestion, move: Move) -> Iterable[str]:
    suggestion.screened_by = move.acting_user
    suggestion.screened_at = move.now
    return ("screened_by", "screened_at")


def _set_routed_unit(suggestion, move: Move) -> Iterable[str]:
    # The service puts the chosen unit on the locked row as ``route_to`` before the move.
    # The place's unit, when the sender's free text named none, is the unit it is routed to.
    suggestion.routed_unit = suggestion.route_to
    if suggestion.unit_id is None:
        suggestion.unit = suggestion.route_to
    return ("routed_unit", "unit")


def _keep_decline_reason(suggestion, move: Move) -> Iterable[str]:
    suggestion.decline_reason = move.reason
    return ("decline_reason",)


STAMP_SCREENED = Effect("stamp_suggestion_screened", _stamp_screened)
SET_ROUTED_UNIT = Effect("set_suggestion_routed_unit", _set_routed_unit)
KEEP_DECLINE_REASON = Effect("keep_suggestion_decline_reason", _keep_decline_reason)

SUGGESTION_TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("route_suggestion", _("Tiếp nhận và chuyển đơn vị"),
               frozenset({S.SUBMITTED}), S.ACCEPTED_ROUTED, "discovery.screen_suggestion",
               effects=(SET_ROUTED_UNIT, STAMP_SCREENED)),
    Transition("decline_suggestion", _("Không tiếp nhận"),
               frozenset({S.SUBMITTED}), S.DECLINED, "discovery.screen_suggestion",
               needs_reason=True, effects=(STAMP_SCREENED, KEEP_DECLINE_REASON)),
)}


def available(state: str) -> list[Transition]:
    return [t for t in SUGGESTION_TRANSITIONS.values() if state in t.sources]
