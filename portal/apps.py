from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The roof: the home page, the navigation context, demo data and umbrella commands.

    It may import every app; no app imports it (tests/test_layers.py).
    """

    name = "portal"
    verbose_name = _("Trang chủ")
