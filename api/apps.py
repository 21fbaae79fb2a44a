from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Khóa API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.labels import register_verbs

        register_verbs({"revoke_token": _("Thu hồi khóa API")})
