"""Who does what with inspections.

The standing office plans, records findings and conclusions and closes follow-ups (the system
administrator passes every check); the inspected unit's officer and head read their unit's
inspections and report on their follow-ups; council members read everything; other units see
nothing of it."""

import rules

from accounts import roles
from accounts.rules import (
    is_head_of_unit,
    is_officer_of_unit,
    is_province_wide,
    is_standing_office,
    is_system_admin,
)


def _inspected_units(inspection):
    cached = getattr(inspection, "inspected_units", None)  # selectors prefetch it
    if cached is None:
        cached = list(inspection.units.all())
        inspection.inspected_units = cached
    return cached


@rules.predicate
def sees_inspection(user, inspection) -> bool:
    """Province-wide roles: every inspection of a unit in their province (the national role:
    every one); unit staff: those of their unit (or subtree)."""
    if inspection is None:
        return False
    if roles.sees_every_province(user):
        return True
    return any(roles.in_scope(user, unit) for unit in _inspected_units(inspection))


@rules.predicate
def sees_inspected_unit(user, obj) -> bool:
    """``obj``: an ``InspectionUnit`` (its record) or a ``FollowUp``: the row's own unit."""
    if obj is None:
        return False
    return roles.in_scope(user, obj.unit)


@rules.predicate
def answers_for_follow_up(user, follow_up) -> bool:
    """The officer or head of the follow-up's unit itself."""
    return follow_up is not None and (is_officer_of_unit(user, follow_up.unit)
                                      or is_head_of_unit(user, follow_up.unit))


@rules.predicate
def moves_follow_up(user, follow_up) -> bool:
    from inspections.workflow import FOLLOW_UP_TRANSITIONS, available

    return follow_up is not None and any(
        user.has_perm(step.permission, follow_up)
        for step in available(follow_up.state, FOLLOW_UP_TRANSITIONS))


@rules.predicate
def inspection_in_scope(user, obj=None) -> bool:
    """No object (the list's button), or an inspection / inspected unit / follow-up the user
    reads: the standing office manages its own province's inspections only."""
    if obj is None:
        return True
    if hasattr(obj, "unit") and not hasattr(obj, "unit_rows"):
        return roles.in_scope(user, obj.unit)
    return sees_inspection(user, obj)


manages = (is_standing_office | is_system_admin) & inspection_in_scope

rules.add_perm("inspections.manage_inspection", manages)
rules.add_perm("inspections.view_inspection", sees_inspection)
rules.add_perm("inspections.view_all_inspections", is_province_wide)
rules.add_perm("inspections.view_inspection_record", sees_inspected_unit)
rules.add_perm("inspections.update_follow_up", answers_for_follow_up | is_system_admin)
rules.add_perm("inspections.close_follow_up", manages)
rules.add_perm("inspections.move_follow_up", moves_follow_up)
