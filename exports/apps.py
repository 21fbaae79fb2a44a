from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Tệp xuất")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from exports import rules  # noqa: F401  (the permissions)

        labels.register_verbs({"request_export": _("yêu cầu xuất tệp"),
                               "retry_export": _("xuất lại tệp")})
