"""Who may do what with a decision. The standing office (Cơ quan Thường trực) drafts, issues,
attaches the signed file and revokes; province-wide roles read every decision; a unit reads the
issued (or revoked) decisions naming one of its proposals' exemplars, never a draft."""

import rules

from accounts import roles
from accounts.rules import is_standing_office, is_system_admin
from decisions.models import DecisionState


@rules.predicate
def sees_decision(user, decision) -> bool:
    if decision is None:
        return False
    if roles.sees_every_province(user):
        return True
    if roles.is_province_wide(user):
        # The province's decisions: those naming one of its units' proposals, and those
        # naming no proposal (drafts being written, decisions for the register's subjects).
        return decision.pk is None or not decision.entries.filter(
            proposal_item__isnull=False).exists() or decision.entries.filter(
            roles.scope_q(user, "proposal_item__proposal__unit__tree_path")).exists()
    if decision.state == DecisionState.DRAFT or decision.pk is None:
        return False
    from orgs.selectors import units_visible_to

    return decision.entries.filter(
        proposal_item__proposal__unit__in=units_visible_to(user).values("pk")).exists()


@rules.predicate
def is_draft(user, decision) -> bool:
    return decision is not None and decision.state == DecisionState.DRAFT


@rules.predicate
def is_issued(user, decision) -> bool:
    return decision is not None and decision.state == DecisionState.ISSUED


rules.add_perm("decisions.view_decision_list", rules.is_authenticated)
rules.add_perm("decisions.view_decision", sees_decision)
# The standing office writes the decisions of its own province (``sees_decision``).
sees_or_none = rules.predicate(lambda user, decision=None: decision is None
                               or sees_decision(user, decision))
office = is_standing_office & sees_or_none

rules.add_perm("decisions.draft_decision", (is_standing_office | is_system_admin) & sees_or_none)
rules.add_perm("decisions.change_decision", office & is_draft)
rules.add_perm("decisions.issue_decision", office & is_draft)
rules.add_perm("decisions.attach_signed_decision", office & is_issued)
rules.add_perm("decisions.revoke_decision", office & is_issued)
