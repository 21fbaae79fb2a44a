from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FosteringConfig(AppConfig):
    name = "fostering"
    verbose_name = _("Kế hoạch bồi dưỡng, nhân rộng")
    default_auto_field = "django.db.models.BigAutoField"
