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
