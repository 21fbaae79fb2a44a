from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropagationConfig(AppConfig):
    name = "propagation"
    verbose_name = _("Tuyên truyền, giới thiệu điển hình")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from propagation import rules  # noqa: F401  (the permissions)
        from propagation.panels import exemplar_panel
        from propagation.workflow import STATUS_TRANSITIONS, VERBS
        from registry.exemplar_panels import register_panel

        register_panel("propagation", exemplar_panel)
        labels.register_verbs({VERBS[step]: label for step, label in STATUS_TRANSITIONS.items()})
