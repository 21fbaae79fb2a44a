import rules

from accounts.rules import is_standing_office, is_system_admin

# The guidance is public law: every signed-in user may read packs and campaigns.
rules.add_perm("guidance.view_guidance", rules.is_authenticated)
rules.add_perm("guidance.manage_guidance", is_standing_office | is_system_admin)
# Moving a campaign to another version of its pack changes verdicts and quotas already
# computed: the system administrator's explicit act (``evaluation.pack_move``), nobody else's.
rules.add_perm("guidance.move_campaign_version", is_system_admin)
