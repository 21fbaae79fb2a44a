"""Who may see evaluations, enter evidence and record judgements. Objects are exemplars."""

import rules

from accounts.rules import (
    is_council_member,
    is_officer_of_unit,
    is_standing_office,
    is_system_admin,
)
from registry.rules import prepares_registration, sees_exemplar


@rules.predicate
def prepares_exemplar_unit(user, exemplar) -> bool:
    """The unit officer of the unit whose registration lists the exemplar."""
    return exemplar is not None and is_officer_of_unit(user, exemplar.registration.unit)


rules.add_perm("evaluation.view_evaluation", sees_exemplar)
rules.add_perm("evaluation.enter_evidence", prepares_exemplar_unit | is_standing_office)
rules.add_perm("evaluation.record_judgement", is_standing_office | is_council_member)
rules.add_perm("evaluation.view_campaign_evaluation",
               is_standing_office | is_council_member | is_system_admin)
rules.add_perm("evaluation.import_ratings", prepares_registration | is_standing_office)
