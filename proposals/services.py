"""Writes of proposals. The functions the council and the decisions call are at the bottom:
:func:`record_council_result` (a closed vote's status on the item; a rejected item moves its
exemplar to "not recognised") and :func:`mark_recognised` (an issued decision's items)."""

from django.db import transaction
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError
from proposals.models import ItemOutcome, ProposalItem, ProposalState, ScreeningResult

# What a closed council vote says, in ItemOutcome terms (council.models.ItemStatus values).
_COUNCIL_OUTCOMES = {"passed": ItemOutcome.PASSED, "rejected": ItemOutcome.REJECTED,
                     "no_quorum": ItemOutcome.NO_QUORUM}


def record_council_result(*, item: ProposalItem, status: str, acting_user,
                          reason: str = "") -> ProposalItem:
    """The council's result for one screened item. ``rejected`` moves the exemplar to "not
    recognised" with ``reason``; ``passed`` leaves it "proposed" until the decision is issued;
    ``no_quorum`` leaves the item to be put on another meeting. Audited."""
    outcome = _COUNCIL_OUTCOMES.get(status)
    if outcome is None:
        raise DomainError(_("Kết quả biểu quyết không hợp lệ."))
    from registry.services.lifecycle import transition_exemplar

    with transaction.atomic():
        current = ProposalItem.objects.select_for_update().select_related("exemplar").get(
            pk=item.pk)
        if current.screening != ScreeningResult.ACCEPTED:
            raise DomainError(_("Chỉ ghi kết quả cho điển hình đã được thẩm định."))
        before = {"outcome": current.outcome}
        current.outcome = outcome
        current.save(update_fields=["outcome"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, owner=current.proposal,
                   before=before, after={"outcome": outcome}, verb="council_result")
        if outcome == ItemOutcome.REJECTED:
            transition_exemplar(exemplar=current.exemplar, name="not_recognise",
                                acting_user=acting_user,
                                reason=reason or _("Hội đồng Thi đua - Khen thưởng không thông qua."))
        _close_if_done(current.proposal_id)
    return current


def mark_recognised(*, item: ProposalItem, acting_user, legal_basis: str = "") -> ProposalItem:
    """An issued decision names this item: outcome "recognised", exemplar "recognised"."""
    from registry.services.lifecycle import transition_exemplar

    with transaction.atomic():
        current = ProposalItem.objects.select_for_update().select_related("exemplar").get(
            pk=item.pk)
        if current.outcome != ItemOutcome.PASSED:
            raise DomainError(_("Chỉ quyết định cho điển hình đã được Hội đồng thông qua."))
        current.outcome = ItemOutcome.RECOGNISED
        current.save(update_fields=["outcome"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, owner=current.proposal,
                   before={"outcome": ItemOutcome.PASSED},
                   after={"outcome": ItemOutcome.RECOGNISED}, verb="recognised")
        transition_exemplar(exemplar=current.exemplar, name="recognise", acting_user=acting_user)
        _close_if_done(current.proposal_id)
    return current


def _close_if_done(proposal_id: int) -> None:
    """A screened proposal whose every accepted item has a final outcome is "decided"."""
    from proposals.models import Proposal

    items = ProposalItem.objects.filter(proposal_id=proposal_id,
                                        screening=ScreeningResult.ACCEPTED)
    if items.exists() and not items.filter(
            outcome__in=[ItemOutcome.PENDING, ItemOutcome.PASSED, ItemOutcome.NO_QUORUM]).exists():
        Proposal.objects.filter(pk=proposal_id, state=ProposalState.SCREENED).update(
            state=ProposalState.DECIDED)
