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
def is_national_office(user) -> bool:
    return roles.has_role(user, Role.NATIONAL_OFFICE)


@rules.predicate
def is_province_wide(user) -> bool:
    """Reads beyond its own unit (a province, or every province for the national role). A
    permission on one object never rests on this alone: combine it with a scoped predicate
    (``sees_unit``, ``in_scope_of``)."""
    return roles.is_province_wide(user)


@rules.predicate
def sees_unit(user, unit) -> bool:
    """The province for province-wide roles (every province for the national role); otherwise
    the user's units and their subtree (accounts.roles: one definition of the scope)."""
    if unit is None:
        return False
    return roles.in_scope(user, unit)


def in_scope_of(unit_of):
    """A predicate: the object's unit (``unit_of(obj)``) is one the user reads. Combined with a
    role for the writes a province-wide role makes on one object (``is_standing_office &
    in_scope_of(...)``), so a standing office writes in its own province only. Without an object
    (a menu, a list page's button) it holds: the role alone decides there, and the page lists
    only what the user reads."""

    @rules.predicate
    def predicate(user, obj=None) -> bool:
        if obj is None:
            return True
        unit = unit_of(obj)
        return unit is not None and roles.in_scope(user, unit)

    return predicate


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
