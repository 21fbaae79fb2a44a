"""Who may do what with a proposal. The unit's officer or head writes it (draft or returned) and
sends it for approval; the head approves it (the exemplars become "proposed") or sends it back;
the standing office screens it, returns it or finishes the screening. Province-wide roles read
every proposal; unit staff read their unit's (and its subtree's)."""

import rules

from accounts.rules import (
    in_scope_of,
    is_head_of_unit,
    is_officer_of_unit,
    is_province_wide,
    is_standing_office,
    sees_unit,
)
from proposals.models import EDITABLE_PROPOSAL_STATES, ProposalState


@rules.predicate
def sees_proposal(user, proposal) -> bool:
    return proposal is not None and sees_unit(user, proposal.unit)


@rules.predicate
def writes_proposal(user, proposal) -> bool:
    return proposal is not None and (is_officer_of_unit(user, proposal.unit)
                                     or is_head_of_unit(user, proposal.unit))


@rules.predicate
def heads_proposal_unit(user, proposal) -> bool:
    return proposal is not None and is_head_of_unit(user, proposal.unit)


@rules.predicate
def proposal_editable(user, proposal) -> bool:
    return proposal is not None and proposal.state in EDITABLE_PROPOSAL_STATES


@rules.predicate
def proposal_awaits_approval(user, proposal) -> bool:
    return proposal is not None and proposal.state == ProposalState.AWAITING_APPROVAL


@rules.predicate
def proposal_submitted(user, proposal) -> bool:
    return proposal is not None and proposal.state == ProposalState.SUBMITTED


@rules.predicate
def has_any_role(user) -> bool:
    from accounts import roles

    return bool(roles.grants(user)) or bool(getattr(user, "is_superuser", False))


@rules.predicate
def moves_proposal(user, proposal) -> bool:
    from proposals.workflow import available

    return proposal is not None and any(user.has_perm(step.permission, proposal)
                                        for step in available(proposal.state))


# The standing office screens the proposals of its own province.
office_of_proposal = is_standing_office & in_scope_of(lambda proposal: proposal.unit)

rules.add_perm("proposals.view_proposal_list", has_any_role)
rules.add_perm("proposals.view_proposal", sees_proposal)
rules.add_perm("proposals.create_proposal", writes_proposal)
rules.add_perm("proposals.change_proposal", writes_proposal & proposal_editable)
rules.add_perm("proposals.send_for_approval", writes_proposal & proposal_editable)
rules.add_perm("proposals.approve_proposal", heads_proposal_unit & proposal_awaits_approval)
rules.add_perm("proposals.manage_proposals", office_of_proposal)
rules.add_perm("proposals.screen_proposal", office_of_proposal & proposal_submitted)
rules.add_perm("proposals.view_screening", office_of_proposal)
rules.add_perm("proposals.transition_proposal", moves_proposal)
rules.add_perm("proposals.view_all_proposals", is_province_wide)
