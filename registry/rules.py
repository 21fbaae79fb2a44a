import rules

from accounts.rules import (
    is_council_member,
    is_head_of_unit,
    is_officer_of_unit,
    is_standing_office,
    is_system_admin,
    sees_unit,
)
from registry.enums import EDITABLE_STATES, RegistrationState
from registry.workflow import available


@rules.predicate
def sees_registration(user, registration) -> bool:
    return registration is not None and sees_unit(user, registration.unit)


@rules.predicate
def prepares_registration(user, registration) -> bool:
    return registration is not None and is_officer_of_unit(user, registration.unit)


@rules.predicate
def heads_registration_unit(user, registration) -> bool:
    return registration is not None and is_head_of_unit(user, registration.unit)


@rules.predicate
def is_editable(user, registration) -> bool:
    return registration is not None and registration.state in EDITABLE_STATES


@rules.predicate
def awaits_approval(user, registration) -> bool:
    return registration is not None and registration.state == RegistrationState.AWAITING_APPROVAL


@rules.predicate
def sees_exemplar(user, exemplar) -> bool:
    return exemplar is not None and sees_unit(user, exemplar.registration.unit)


@rules.predicate
def changes_exemplar_registration(user, exemplar) -> bool:
    """Editing, moving or removing an entry is changing its registration."""
    return exemplar is not None and user.has_perm("registry.change_registration",
                                                  exemplar.registration)


@rules.predicate
def moves_registration(user, registration) -> bool:
    """At least one transition from the registration's current state is the user's to do."""
    return registration is not None and any(
        user.has_perm(step.permission, registration) for step in available(registration.state)
    )


rules.add_perm("registry.view_registration", sees_registration)
rules.add_perm("registry.change_registration", prepares_registration & is_editable)
rules.add_perm("registry.send_for_approval", prepares_registration & is_editable)
rules.add_perm("registry.approve_registration", heads_registration_unit & awaits_approval)
rules.add_perm("registry.manage_submissions", is_standing_office)
rules.add_perm("registry.view_dashboard", is_standing_office | is_council_member | is_system_admin)
rules.add_perm("registry.transition_registration", moves_registration)
rules.add_perm("registry.view_exemplar", sees_exemplar)
rules.add_perm("registry.change_exemplar", changes_exemplar_registration)
rules.add_perm("registry.attach_signed_form", heads_registration_unit)
rules.add_perm("registry.view_compiled_list", is_standing_office | is_council_member | is_system_admin)
