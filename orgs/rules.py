import rules

from accounts.rules import is_province_wide, is_standing_office, is_system_admin, sees_unit

rules.add_perm("orgs.view_unit_list", rules.is_authenticated)
rules.add_perm("orgs.view_unit", sees_unit)
rules.add_perm("orgs.manage_units", is_standing_office | is_system_admin)
rules.add_perm("orgs.view_province", is_province_wide)
