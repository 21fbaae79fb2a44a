from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Kiểm tra")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit.labels import register_verbs
        from inspections import rules  # noqa: F401  (permissions)
        from inspections.panels import unit_panel
        from inspections.workflow import FOLLOW_UP_TRANSITIONS, INSPECTION_TRANSITIONS
        from orgs.panels import register_panel

        register_verbs({t.name: t.label for t in (*INSPECTION_TRANSITIONS.values(),
                                                  *FOLLOW_UP_TRANSITIONS.values())})
        register_panel("inspections", unit_panel)

        from registry.dashboard_columns import register_column

        register_column("follow_ups", _("Việc phải khắc phục sau kiểm tra"), _dashboard_cells)


def _dashboard_cells(campaign, unit_ids):
    """Open follow-ups of each unit (of any inspection: one is not always tied to a campaign)."""
    from django.utils.translation import gettext as _n

    from inspections.selectors import open_follow_ups_by_unit

    wanted = set(unit_ids)
    return {unit_id: _n("%(n)s việc đang mở") % {"n": n}
            for unit_id, n in open_follow_ups_by_unit().items() if unit_id in wanted and n}
