import rules

from accounts.rules import is_standing_office, is_system_admin, sees_unit

rules.add_perm("urging.send_reminders", is_standing_office | is_system_admin)
rules.add_perm("urging.manage_templates", is_standing_office | is_system_admin)
rules.add_perm("urging.view_reminders", is_standing_office | is_system_admin)
# A unit's own reminders: whoever sees the unit (its staff, the province-wide roles).
rules.add_perm("urging.view_unit_reminders", sees_unit)
