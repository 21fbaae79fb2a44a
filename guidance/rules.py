import rules

from accounts.rules import is_standing_office, is_system_admin

# The guidance is public law: every signed-in user may read packs and campaigns.
rules.add_perm("guidance.view_guidance", rules.is_authenticated)
rules.add_perm("guidance.manage_guidance", is_standing_office | is_system_admin)
