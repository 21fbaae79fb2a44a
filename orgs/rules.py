import rules

from accounts.rules import (
    in_scope_of,
    is_province_wide,
    is_standing_office,
    is_system_admin,
    sees_unit,
)

rules.add_perm("orgs.view_unit_list", rules.is_authenticated)
rules.add_perm("orgs.view_unit", sees_unit)
# A unit of the manager's province (a new unit: its parent's); ``Unit`` objects only — the
# blocks and successions are checked without an object.
rules.add_perm("orgs.manage_units", (is_standing_office | is_system_admin) & in_scope_of(
    lambda unit: (unit if unit.pk else unit.parent if unit.parent_id else None)
    if hasattr(unit, "tree_path") else None))
rules.add_perm("orgs.view_province", is_province_wide)
