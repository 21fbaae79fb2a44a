"""Who reads and writes progress — declared once, here.

* An exemplar's timeline: whoever sees the exemplar (its unit and the units above it, the
  province-wide roles).
* Posting an update: the officer or the head of the unit whose registration lists the exemplar
  (the service also requires the exemplar to be followed: registered or fostering).
* Withdrawing an update: its author only, once.
* The lateness threshold of a campaign: the standing office.
"""

import rules

from accounts.rules import (
    is_council_member,
    is_national_office,
    is_standing_office,
    is_system_admin,
)
from registry.enums import ExemplarState
from registry.rules import registered_exemplar, sees_exemplar

# The states in which an exemplar's progress is followed (registry.workflow moves it there).
FOLLOWED_STATES = frozenset({ExemplarState.REGISTERED, ExemplarState.FOSTERING})


@rules.predicate
def authored_update(user, update) -> bool:
    return update is not None and getattr(user, "pk", None) is not None and (
        update.author_id == user.pk)


@rules.predicate
def update_standing(user, update) -> bool:
    return update is not None and update.withdrawn_at is None


@rules.predicate
def sees_update(user, update) -> bool:
    return update is not None and sees_exemplar(user, update.exemplar)


rules.add_perm("progress.view_progress", sees_exemplar)
rules.add_perm("progress.post_update", registered_exemplar)
rules.add_perm("progress.withdraw_update", authored_update & update_standing & sees_update)
rules.add_perm("progress.change_settings", is_standing_office)
rules.add_perm("progress.view_province", is_standing_office | is_council_member | is_system_admin
               | is_national_office)
