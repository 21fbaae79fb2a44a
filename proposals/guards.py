"""While an exemplar is in a live proposal, its outcome is the screening's, the council's and
the decision's: the exemplar page, the API and the command may not take those steps directly
(``registry.exemplar_guards``)."""

from django.utils.translation import gettext as _

from proposals.models import ItemOutcome, ProposalItem, ProposalState

DRIVEN_STEPS = frozenset({"recognise", "not_recognise", "return_proposal"})
LIVE_STATES = (ProposalState.AWAITING_APPROVAL, ProposalState.SUBMITTED, ProposalState.SCREENED)


def in_live_proposal(exemplar, step: str) -> str | None:
    if step not in DRIVEN_STEPS:
        return None
    item = ProposalItem.objects.filter(
        exemplar=exemplar, proposal__state__in=LIVE_STATES,
        outcome__in=[ItemOutcome.PENDING, ItemOutcome.PASSED, ItemOutcome.NO_QUORUM],
    ).select_related("proposal__unit").first()
    if item is None:
        return None
    return _("Điển hình đang trong đề nghị khen thưởng của %(unit)s: kết quả do thẩm định, "
             "Hội đồng Thi đua - Khen thưởng và quyết định ghi nhận, không chuyển trực tiếp "
             "ở đây.") % {"unit": item.proposal.unit.name}
