"""Who reads and screens suggestions — declared once, here.

* Sending one: anyone, signed in or not (the public form; throttled per address).
* The list and a suggestion: the standing office (every one); a unit's officers and heads, and
  the units above it, see those routed to it (so they may register the person).
* The sender's contact (email, phone): the standing office only.
* Screening (route to a unit, or decline with a reason): the standing office.
"""

import rules

from accounts.rules import is_standing_office, is_system_admin, sees_unit
from discovery.models import SuggestionState


@rules.predicate
def routed_to_seen_unit(user, suggestion) -> bool:
    return (suggestion is not None and suggestion.state == SuggestionState.ACCEPTED_ROUTED
            and suggestion.routed_unit_id is not None and sees_unit(user, suggestion.routed_unit))


@rules.predicate
def suggestion_open(user, suggestion) -> bool:
    return suggestion is not None and suggestion.state == SuggestionState.SUBMITTED


rules.add_perm("discovery.view_suggestion", is_standing_office | is_system_admin
               | routed_to_seen_unit)
rules.add_perm("discovery.view_contact", is_standing_office | is_system_admin)
rules.add_perm("discovery.screen_suggestion", is_standing_office & suggestion_open)
rules.add_perm("discovery.view_all_suggestions", is_standing_office | is_system_admin)
