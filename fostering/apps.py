from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FosteringConfig(AppConfig):
    name = "fostering"
    verbose_name = _("Kế hoạch bồi dưỡng, nhân rộng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from fostering.panels import unit_panel
        from fostering.workflow import PLAN_TRANSITIONS
        from orgs.panels import register_panel

        register_panel("fostering", unit_panel)
        labels.register_verbs({name: step.label for name, step in PLAN_TRANSITIONS.items()})
        labels.register_verbs({"mark_done": _("ghi nhận hoàn thành")})
