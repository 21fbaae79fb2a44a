"""The proposal's lifecycle, declared like the registration's (``registry.workflow``) and run by
the same runner (``registry.services._common.apply_transition``):

    draft / returned ──send_for_approval (unit officer)──▶ awaiting_approval
    awaiting_approval ──send_back (unit head, reason)──▶ draft
    awaiting_approval ──approve (unit head)──▶ submitted      every exemplar: fostering → proposed
    submitted ──return (standing office, reason)──▶ returned   every exemplar: proposed → fostering
    submitted ──finish_screening (standing office)──▶ screened
              every item screened, at least one accepted; a returned item's exemplar goes back to
              fostering (registry's "return_proposal", with the screening note as its reason)

"screened" → "decided" is not a step anyone takes: the proposal is decided when every accepted
item has its final outcome (``proposals.services._close_if_done``).

The exemplar moves are declared effects, so each step says everything it does; they call
``registry.services.lifecycle.transition_exemplar``, which checks the registry permission
(``registry.propose_exemplar``: the unit head of the exemplar's unit or the standing office;
``registry.return_proposal``: the standing office) and tells the exemplar's audience.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.errors import DomainError
from proposals.models import ProposalState as P
from proposals.models import ScreeningResult
from registry.effects import Effect, Move
from registry.workflow import Transition

UNIT = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


def _items(proposal):
    return list(proposal.items.select_related("exemplar__registration__unit").order_by(
        "position", "pk"))


def _require_items(proposal, move: Move) -> Iterable[str]:
    if not proposal.items.exists():
        raise DomainError(_gettext("Đề nghị chưa có điển hình nào."))
    return ()


def _stamp_sent(proposal, move: Move) -> Iterable[str]:
    proposal.return_reason = ""
    return ("return_reason",)


def _stamp_approved(proposal, move: Move) -> Iterable[str]:
    proposal.approved_by = move.acting_user if getattr(move.acting_user, "pk", None) else None
    proposal.approved_at = move.now
    proposal.submitted_at = move.now
    return ("approved_by", "approved_at", "submitted_at")


def _keep_return_reason(proposal, move: Move) -> Iterable[str]:
    proposal.return_reason = move.reason
    return ("return_reason",)


def _clear_approval(proposal, move: Move) -> Iterable[str]:
    proposal.approved_by = None
    proposal.approved_at = None
    return ("approved_by", "approved_at")


def _move_exemplar(item, name: str, move: Move, reason: str = "") -> None:
    from registry.services.lifecycle import transition_exemplar

    transition_exemplar(exemplar=item.exemplar, name=name, driven=True,
                        acting_user=move.acting_user, reason=reason)


def _propose_exemplars(proposal, move: Move) -> Iterable[str]:
    for item in _items(proposal):
        _move_exemplar(item, "propose", move)
    return ()


def _return_exemplars(proposal, move: Move) -> Iterable[str]:
    """The whole proposal goes back: its exemplars are fostered again, its screening is reset."""
    for item in _items(proposal):
        if item.exemplar.state == "proposed":
            _move_exemplar(item, "return_proposal", move, move.reason)
    proposal.items.update(screening=ScreeningResult.PENDING, screening_note="",
                          screened_by=None, screened_at=None)
    return ()


def _require_screened(proposal, move: Move) -> Iterable[str]:
    items = _items(proposal)
    pending = [i for i in items if i.screening == ScreeningResult.PENDING]
    if pending:
        raise DomainError(_gettext("Còn %(n)d điển hình chưa thẩm định: %(names)s.")
                          % {"n": len(pending), "names": ", ".join(i.exemplar.name for i in pending)})
    if not any(i.screening == ScreeningResult.ACCEPTED for i in items):
        raise DomainError(_gettext("Không có điển hình nào đủ điều kiện trình Hội đồng; hãy trả "
                                   "lại đề nghị cho đơn vị."))
    return ()


def _return_screened_out(proposal, move: Move) -> Iterable[str]:
    for item in _items(proposal):
        if item.screening == ScreeningResult.RETURNED and item.exemplar.state == "proposed":
            _move_exemplar(item, "return_proposal", move,
                           item.screening_note or _gettext("Không đủ điều kiện trình Hội đồng."))
    proposal.screened_at = move.now
    return ("screened_at",)


REQUIRE_ITEMS = Effect("require_proposal_items", _require_items)
STAMP_SENT = Effect("stamp_proposal_sent", _stamp_sent)
STAMP_APPROVED = Effect("stamp_proposal_approved", _stamp_approved)
KEEP_RETURN_REASON = Effect("keep_proposal_return_reason", _keep_return_reason)
CLEAR_APPROVAL = Effect("clear_proposal_approval", _clear_approval)
PROPOSE_EXEMPLARS = Effect("propose_exemplars", _propose_exemplars)
RETURN_EXEMPLARS = Effect("return_proposed_exemplars", _return_exemplars)
REQUIRE_SCREENED = Effect("require_every_item_screened", _require_screened)
RETURN_SCREENED_OUT = Effect("return_screened_out_exemplars", _return_screened_out)


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


PROPOSAL_TRANSITIONS: dict[str, Transition] = _table(
    Transition("send_for_approval", _("Trình thủ trưởng duyệt"),
               frozenset({P.DRAFT, P.RETURNED}), P.AWAITING_APPROVAL,
               "proposals.send_for_approval", effects=(REQUIRE_ITEMS, STAMP_SENT),
               audience=(Role.UNIT_HEAD,)),
    Transition("send_back", _("Trả lại để chỉnh sửa"),
               frozenset({P.AWAITING_APPROVAL}), P.DRAFT, "proposals.approve_proposal",
               needs_reason=True, effects=(KEEP_RETURN_REASON,), audience=(Role.UNIT_OFFICER,)),
    Transition("approve", _("Duyệt và gửi Sở Nội vụ"),
               frozenset({P.AWAITING_APPROVAL}), P.SUBMITTED, "proposals.approve_proposal",
               effects=(REQUIRE_ITEMS, STAMP_APPROVED, PROPOSE_EXEMPLARS),
               audience=(Role.UNIT_OFFICER, Role.STANDING_OFFICE)),
    Transition("return", _("Trả lại đơn vị"),
               frozenset({P.SUBMITTED}), P.RETURNED, "proposals.manage_proposals",
               needs_reason=True, effects=(KEEP_RETURN_REASON, CLEAR_APPROVAL, RETURN_EXEMPLARS),
               audience=UNIT),
    Transition("finish_screening", _("Hoàn thành thẩm định"),
               frozenset({P.SUBMITTED}), P.SCREENED, "proposals.manage_proposals",
               effects=(REQUIRE_SCREENED, RETURN_SCREENED_OUT),
               audience=(*UNIT, Role.COUNCIL_MEMBER)),
)


def available(state: str) -> list[Transition]:
    return [t for t in PROPOSAL_TRANSITIONS.values() if state in t.sources]
