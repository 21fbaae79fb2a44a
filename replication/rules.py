"""Who may do what with an adoption (nhân rộng). The adopting unit's officers and heads and the
standing office write (record, update, end, add a result); the province-wide roles read all;
a unit reads its own adoptions and the adoptions of its exemplars (its subtree's too)."""

import rules

from accounts.models import Role
from accounts.rules import (
    in_scope_of,
    is_head_of_unit,
    is_officer_of_unit,
    is_province_wide,
    is_standing_office,
    is_system_admin,
    sees_unit,
)


@rules.predicate
def writes_for_adopting_unit(user, adoption) -> bool:
    return adoption is not None and (is_officer_of_unit(user, adoption.unit)
                                     or is_head_of_unit(user, adoption.unit))


@rules.predicate
def sees_adoption(user, adoption) -> bool:
    if adoption is None:
        return False
    return sees_unit(user, adoption.unit) or sees_unit(user, adoption.exemplar.registration.unit)


@rules.predicate
def writes_for_some_unit(user) -> bool:
    from accounts import roles

    return bool(roles.unit_ids_with_role(user, Role.UNIT_OFFICER, Role.UNIT_HEAD))


@rules.predicate
def sees_exemplar_unit(user, exemplar) -> bool:
    return exemplar is not None and sees_unit(user, exemplar.registration.unit)


@rules.predicate
def exemplar_recognised(user, exemplar) -> bool:
    from registry.enums import ExemplarState

    return exemplar is not None and exemplar.state == ExemplarState.RECOGNISED


# The standing office (and a system administrator) write in their own province.
office = (is_standing_office | is_system_admin) & in_scope_of(lambda obj: getattr(
    obj, "unit", None) if not hasattr(obj, "registration") else obj.registration.unit)
WRITES = writes_for_adopting_unit | office

rules.add_perm("replication.view_adoption", sees_adoption)
rules.add_perm("replication.change_adoption", WRITES)
# The exemplar's spread on its page, and the form to add an adoption of it: who reads the
# exemplar; the form also to a unit's officer or head who reads the exemplar or for a recognised
# one (they record their own unit's adoption).
rules.add_perm("replication.view_exemplar_spread", sees_exemplar_unit)
rules.add_perm("replication.add_adoption",
               office
               | (writes_for_some_unit & (sees_exemplar_unit | exemplar_recognised)))
rules.add_perm("replication.view_spread", is_province_wide)
