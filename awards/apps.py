from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Hồ sơ thành tích, danh hiệu và hình thức khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from awards import evidence, rules  # noqa: F401  (declares the permissions)

        evidence.register()

        from awards.panels import exemplar_panel
        from registry.exemplar_panels import register_panel

        register_panel("awards", exemplar_panel)

        from audit import labels

        labels.register_keys({"award": _("danh hiệu, hình thức khen thưởng")})
