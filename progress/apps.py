from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ bồi dưỡng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from orgs.panels import register_panel

        register_panel("progress", unit_panel)


def unit_panel(unit, user) -> dict | None:
    """The unit page's section: the open campaign's followed exemplars of the unit, how many
    are late; nothing when the unit has none or the user does not see them."""
    from django.utils import timezone

    from guidance.selectors import open_campaign
    from progress.selectors import unit_summary

    campaign = open_campaign()
    if campaign is None:
        return None
    summary = unit_summary(unit, user, campaign, timezone.localdate())
    if not summary["followed"]:
        return None
    return {"title": _("Tiến độ bồi dưỡng"), "template": "progress/_unit_panel.html",
            "context": {**summary, "campaign": campaign, "unit": unit}}
