from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Kiểm tra")
    default_auto_field = "django.db.models.BigAutoField"
