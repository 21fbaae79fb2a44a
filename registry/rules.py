import rules

from accounts import roles
from accounts.models import Role
from accounts.rules import (
    in_scope_of,
    is_council_member,
    is_head_of_unit,
    is_national_office,
    is_officer_of_unit,
    is_standing_office,
    is_system_admin,
    sees_unit,
)
from registry.enums import EDITABLE_STATES, RegistrationState
from registry.workflow import EXEMPLAR_TRANSITIONS, available


@rules.predicate
def sees_registration(user, registration) -> bool:
    return registration is not None and sees_unit(user, registration.unit)


@rules.predicate
def prepares_registration(user, registration) -> bool:
    return registration is not None and is_officer_of_unit(user, registration.unit)


@rules.predicate
def prepares_some_registration(user) -> bool:
    """An officer of at least one unit: who may hand the home page a filled form (which unit
    and registration it is for is decided from the file, then checked on that registration)."""
    return bool(roles.unit_ids_with_role(user, Role.UNIT_OFFICER))


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
def registered_exemplar(user, exemplar) -> bool:
    """An officer or the head of the unit whose registration lists the exemplar."""
    if exemplar is None:
        return False
    unit = exemplar.registration.unit
    return is_officer_of_unit(user, unit) or is_head_of_unit(user, unit)


@rules.predicate
def heads_exemplar_unit(user, exemplar) -> bool:
    """The head of the unit whose registration lists the exemplar (who approves its proposal)."""
    return exemplar is not None and is_head_of_unit(user, exemplar.registration.unit)


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


@rules.predicate
def moves_exemplar(user, exemplar) -> bool:
    """At least one lifecycle step from the exemplar's current state is the user's to take."""
    return exemplar is not None and any(
        user.has_perm(step.permission, exemplar)
        for step in available(exemplar.state, EXEMPLAR_TRANSITIONS)
    )


# The standing office writes in its own province only (accounts.roles: its scope).
registration_in_scope = in_scope_of(lambda registration: registration.unit)
exemplar_in_scope = in_scope_of(lambda exemplar: exemplar.registration.unit)
office_of_registration = is_standing_office & registration_in_scope
office_of_exemplar = is_standing_office & exemplar_in_scope
# Who reads the province's compiled figures: the province-wide roles and the national role.
reads_overview = is_standing_office | is_council_member | is_system_admin | is_national_office

rules.add_perm("registry.view_registration", sees_registration)
rules.add_perm("registry.change_registration", prepares_registration & is_editable)
rules.add_perm("registry.import_form_file", prepares_some_registration)
rules.add_perm("registry.send_for_approval", prepares_registration & is_editable)
rules.add_perm("registry.approve_registration", heads_registration_unit & awaits_approval)
rules.add_perm("registry.manage_submissions", office_of_registration)
rules.add_perm("registry.view_dashboard", reads_overview)
rules.add_perm("registry.transition_registration", moves_registration)
rules.add_perm("registry.view_exemplar", sees_exemplar)
rules.add_perm("registry.change_exemplar", changes_exemplar_registration)
rules.add_perm("registry.attach_signed_form", heads_registration_unit)
rules.add_perm("registry.view_compiled_list", reads_overview)

# The exemplar lifecycle (registry.workflow.EXEMPLAR_TRANSITIONS). The unit that registered an
# exemplar may withdraw it; the standing office moves it through fostering, the proposal, the
# recorded decision and a revocation; the unit head proposes it too (approving the unit's
# proposal, ``proposals``), and the standing office returns a proposed one to fostering.
# Council members advise and read; they move nothing.
rules.add_perm("registry.withdraw_exemplar", registered_exemplar)
rules.add_perm("registry.foster_exemplar", office_of_exemplar)
rules.add_perm("registry.propose_exemplar", office_of_exemplar | heads_exemplar_unit)
rules.add_perm("registry.return_proposal", office_of_exemplar)
rules.add_perm("registry.decide_exemplar", office_of_exemplar)
rules.add_perm("registry.revoke_exemplar", office_of_exemplar)
# The door of the lifecycle route: anyone who may take at least one step from the current state.
rules.add_perm("registry.move_exemplar", moves_exemplar)
