"""Who may do what with propagation. The standing office introduces any exemplar to any channel
(guidance III.1, R10) and writes the media kit; a unit's officers and head introduce their own
unit's exemplars (III.2, R11); the province-wide roles (standing office, council, system
administrator) read every introduction, a unit reads those of its exemplars. Channels are added
by the standing office."""

import rules

from accounts.rules import (
    is_council_member,
    is_head_of_unit,
    is_officer_of_unit,
    is_province_wide,
    is_standing_office,
    is_system_admin,
    sees_unit,
)
from registry.rules import office_of_exemplar


def _unit_of(exemplar):
    return exemplar.registration.unit if exemplar is not None else None


@rules.predicate
def introduces_exemplar(user, exemplar) -> bool:
    """The exemplar's own unit: its officers and its head."""
    unit = _unit_of(exemplar)
    return unit is not None and (is_officer_of_unit(user, unit) or is_head_of_unit(user, unit))


@rules.predicate
def sees_exemplar(user, exemplar) -> bool:
    return exemplar is not None and sees_unit(user, _unit_of(exemplar))


@rules.predicate
def introduces_introduction(user, introduction) -> bool:
    return introduction is not None and (
        office_of_exemplar(user, introduction.exemplar)
        or introduces_exemplar(user, introduction.exemplar))


@rules.predicate
def sees_introduction(user, introduction) -> bool:
    return introduction is not None and sees_exemplar(user, introduction.exemplar)


@rules.predicate
def has_any_role(user) -> bool:
    from accounts import roles

    return bool(roles.grants(user))


rules.add_perm("propagation.view_list", is_province_wide | has_any_role)
rules.add_perm("propagation.record_introduction", office_of_exemplar | introduces_exemplar)
rules.add_perm("propagation.view_exemplar_introductions", sees_exemplar)
rules.add_perm("propagation.view_introduction", sees_introduction)
rules.add_perm("propagation.change_introduction", introduces_introduction)
rules.add_perm("propagation.manage_channels", is_standing_office)
rules.add_perm("propagation.view_channels", is_province_wide | has_any_role)
rules.add_perm("propagation.make_media_kit", is_standing_office)
rules.add_perm("propagation.view_media_kit", is_standing_office | is_council_member
               | is_system_admin)
