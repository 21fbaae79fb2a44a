from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Tiến độ bồi dưỡng")
    default_auto_field = "django.db.models.BigAutoField"
