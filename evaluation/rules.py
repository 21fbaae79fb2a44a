"""Who may see evaluations, enter evidence and record judgements — declared once, here.

Objects are exemplars (a registration for the ratings import; an :class:`EvidenceRow` for
changing one row). Evidence freezes with the registration: once the registration is sent to
the standing office (submitted or received), its exemplars' evidence changes only by the
standing office — judgements are the standing office's and the council's at any time — until
the registration is returned or reopened (state "returned", editable again). A row the standing
office entered is the standing office's alone, whatever the registration's state.
"""

from dataclasses import dataclass
from typing import Any

import rules

from accounts.models import Role
from accounts.rules import (
    is_council_member,
    is_national_office,
    is_officer_of_unit,
    is_standing_office,
    is_system_admin,
)
from registry.enums import SENT_STATES
from registry.rules import (
    exemplar_in_scope,
    office_of_exemplar,
    office_of_registration,
    prepares_registration,
    sees_exemplar,
)


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence row as seen from the exemplar through which it is changed."""

    exemplar: Any
    row: Any


@rules.predicate
def prepares_exemplar_unit(user, exemplar) -> bool:
    """The unit officer of the unit whose registration lists the exemplar."""
    return exemplar is not None and is_officer_of_unit(user, exemplar.registration.unit)


@rules.predicate
def registration_sent(user, registration) -> bool:
    return registration is not None and registration.state in SENT_STATES


@rules.predicate
def evidence_frozen(user, exemplar) -> bool:
    """The exemplar's registration was sent — or another entry about the same subject (the
    evidence is the subject's, shared) sits in a sent registration of a campaign not closed."""
    if exemplar is None:
        return False
    if exemplar.registration.state in SENT_STATES:
        return True
    from evaluation.selectors import shares_evidence_with_a_sent_registration

    return shares_evidence_with_a_sent_registration(exemplar)


@rules.predicate
def entered_by_standing_office(user, target: EvidenceRow) -> bool:
    return target is not None and getattr(target.row, "entered_by_role", "") == (
        Role.STANDING_OFFICE)


@rules.predicate
def enters_evidence_of(user, target: EvidenceRow) -> bool:
    return target is not None and user.has_perm("evaluation.enter_evidence", target.exemplar)


def entering_role(user) -> str:
    """The role a new evidence row is recorded under (the most authoritative one held)."""
    for role, holds in ((Role.STANDING_OFFICE, is_standing_office),
                        (Role.SYSTEM_ADMIN, is_system_admin),
                        (Role.COUNCIL_MEMBER, is_council_member)):
        if holds(user):
            return role
    return Role.UNIT_OFFICER if getattr(user, "pk", None) else ""


# Beyond entering the exemplar's evidence, what changing one row needs (the standing office
# of the row's exemplar's province).
keeps_office_rows = ~entered_by_standing_office | (
    is_standing_office & rules.predicate(
        lambda user, target: target is not None and exemplar_in_scope(user, target.exemplar)))

rules.add_perm("evaluation.view_evaluation", sees_exemplar)
# Add a row, declare a kind provided, set "rated", attach a proof.
rules.add_perm("evaluation.enter_evidence",
               (prepares_exemplar_unit & ~evidence_frozen) | office_of_exemplar)
# Change (replace or remove) an existing row: enter the exemplar's evidence, and a row the
# standing office entered only as the standing office.
rules.add_perm("evaluation.change_evidence_row", enters_evidence_of & keeps_office_rows)
rules.add_perm("evaluation.record_judgement",
               (is_standing_office | is_council_member) & exemplar_in_scope)
# The campaign's table lists the user's provinces only (the views scope it).
rules.add_perm("evaluation.view_campaign_evaluation",
               is_standing_office | is_council_member | is_system_admin | is_national_office)
rules.add_perm("evaluation.import_ratings",
               (prepares_registration & ~registration_sent) | office_of_registration)
# Published lists (``evaluation.lists``): the standing office imports them for its province (the
# rows it may name are its scope); the system administrator for every unit.
rules.add_perm("evaluation.import_published_list", is_standing_office | is_system_admin)
