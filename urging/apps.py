from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UrgingConfig(AppConfig):
    name = "urging"
    verbose_name = _("Đôn đốc, nhắc nhở")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from orgs.panels import register_panel
        from registry.dashboard_columns import register_column
        from urging import rules  # noqa: F401  (permissions)
        from urging.panels import overview_texts, unit_panel
        from urging.reasons import register_registry_reasons

        register_registry_reasons()
        register_panel("urging", unit_panel)
        register_column("reminders", _("Đã nhắc"), overview_texts)

        from audit import labels

        labels.register_keys({"automatic": _("gửi tự động theo lịch")})
