"""Who may do what with the award history and its catalogues (declared once).

* Everyone signed in reads the two catalogues; the standing office (and the system
  administrator) adds, edits and closes their entries.
* The subjects' history is read in scope: province-wide roles (standing office, council,
  system administrator) see every subject; unit staff see the subjects of their units and of
  the units below (the subject's ``unit``).
* **Entering or importing history for earlier years is the standing office's alone.** The award
  history is the province's register of decisions — it feeds criteria G5 and M1 and what the
  national database receives — so a unit does not write its own awards into it; a unit proves
  an award it holds as evaluation evidence (``evaluation``: recognitions, charity), which the
  standing office may then enter here.
"""

import rules

from accounts.rules import is_province_wide, is_standing_office, is_system_admin, sees_unit


@rules.predicate
def signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def sees_subject(user, subject) -> bool:
    if subject is None:
        return False
    if subject.unit_id is None:  # tied to no unit: the register's own, read province-wide
        return is_province_wide(user)
    return sees_unit(user, subject.unit)


@rules.predicate
def has_any_scope(user) -> bool:
    """Any active membership: a unit's staff list the subjects of their subtree."""
    from accounts import roles

    return bool(roles.grants(user))


@rules.predicate
def subject_in_scope(user, subject=None) -> bool:
    """No object (a catalogue, an import, a new subject), or a subject the user reads."""
    return subject is None or sees_subject(user, subject)


keeps_history = (is_standing_office | is_system_admin) & subject_in_scope

rules.add_perm("awards.view_catalogue", signed_in)
rules.add_perm("awards.manage_catalogue", keeps_history)
rules.add_perm("awards.view_subject_list", is_province_wide | has_any_scope)
rules.add_perm("awards.view_subject", sees_subject)
rules.add_perm("awards.enter_record", keeps_history)
rules.add_perm("awards.import_history", keeps_history)
