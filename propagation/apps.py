from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropagationConfig(AppConfig):
    name = "propagation"
    verbose_name = _("Tuyên truyền, giới thiệu điển hình")
    default_auto_field = "django.db.models.BigAutoField"
