from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ bồi dưỡng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from orgs.panels import register_panel
        from registry.dashboard_columns import register_column

        register_panel("progress", unit_panel)

        from audit import labels

        labels.register_keys({"files": _("tệp đính kèm")})
        register_column("progress", _("Tiến độ"), _dashboard_cells)

        from urging.reasons import KNOWN_REASONS, Reason, register_reason

        register_reason(Reason("progress_overdue", KNOWN_REASONS["progress_overdue"],
                               select=_overdue_targets))


def _overdue_targets(campaign, on_date):
    """The urging reason "progress_overdue": units with exemplars late in their updates."""
    from progress.selectors import units_with_overdue_progress
    from urging.reasons import Target

    return [Target(unit, text) for unit, text in units_with_overdue_progress(campaign, on_date)]


def _dashboard_cells(campaign, unit_ids):
    from progress.selectors import dashboard_cells

    return dashboard_cells(campaign, unit_ids)


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
