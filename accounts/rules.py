"""Authorization for accounts and the shared predicates every app's rules build on."""

import rules

from accounts import roles
from accounts.models import Role


@rules.predicate
def is_standing_office(user) -> bool:
    return roles.has_role(user, Role.STANDING_OFFICE)


@rules.predicate
def is_council_member(user) -> bool:
    return roles.has_role(user, Role.COUNCIL_MEMBER)


@rules.predicate
def is_system_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or roles.has_role(user, Role.SYSTEM_ADMIN)


@rules.predicate
def is_province_wide(user) -> bool:
    return roles.is_province_wide(user)


@rules.predicate
def sees_unit(user, unit) -> bool:
    """The whole province for province-wide roles; otherwise the user's units and their subtree."""
    if unit is None:
        return False
    return roles.is_province_wide(user) or roles.covers(user, unit)


@rules.predicate
def is_officer_of_unit(user, unit) -> bool:
    return unit is not None and unit.pk in roles.unit_ids_with_role(user, Role.UNIT_OFFICER)


@rules.predicate
def is_head_of_unit(user, unit) -> bool:
    return unit is not None and unit.pk in roles.unit_ids_with_role(user, Role.UNIT_HEAD)


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and getattr(user, "pk", None) is not None and user.pk == other.pk


@rules.predicate
def has_second_factor(user, other) -> bool:
    from accounts import mfa

    return other is not None and mfa.enrolled(other)


@rules.predicate
def must_have_second_factor(user, other) -> bool:
    from accounts import mfa

    return other is not None and mfa.required_for(other)


rules.add_perm("accounts.manage_users", is_system_admin)
# Two-factor sign-in (accounts/mfa.py): one's own device; an administrator resets anyone's.
rules.add_perm("accounts.manage_own_second_factor", is_self)
rules.add_perm("accounts.enrol_second_factor", is_self & ~has_second_factor)
rules.add_perm("accounts.regenerate_recovery_codes", is_self & has_second_factor)
rules.add_perm("accounts.disable_second_factor",
               is_self & has_second_factor & ~must_have_second_factor)
rules.add_perm("accounts.reset_second_factor", is_system_admin)
