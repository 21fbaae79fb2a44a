from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UrgingConfig(AppConfig):
    name = "urging"
    verbose_name = _("Đôn đốc, nhắc nhở")
    default_auto_field = "django.db.models.BigAutoField"
