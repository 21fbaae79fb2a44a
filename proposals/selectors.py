"""Reads of proposals used by the council and the decisions."""

from django.db.models import QuerySet

from proposals.models import ItemOutcome, ProposalItem, ProposalState, ScreeningResult


def items_ready_for_meeting(campaign=None) -> QuerySet[ProposalItem]:
    """Screened, accepted items not yet decided by the council (never on a meeting, or whose
    last meeting had no quorum)."""
    items = ProposalItem.objects.filter(
        proposal__state=ProposalState.SCREENED, screening=ScreeningResult.ACCEPTED,
        outcome__in=[ItemOutcome.PENDING, ItemOutcome.NO_QUORUM],
    ).select_related("proposal__unit", "proposal__campaign", "exemplar", "form", "title")
    if campaign is not None:
        items = items.filter(proposal__campaign=campaign)
    return items.order_by("proposal__unit__sort_key", "proposal_id", "position")


def items_passed(campaign=None) -> QuerySet[ProposalItem]:
    """Items the council passed, awaiting a decision."""
    items = ProposalItem.objects.filter(outcome=ItemOutcome.PASSED).select_related(
        "proposal__unit", "proposal__campaign", "exemplar__registration__unit", "form", "title")
    if campaign is not None:
        items = items.filter(proposal__campaign=campaign)
    return items.order_by("proposal__unit__sort_key", "proposal_id", "position")
