from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Đăng ký điển hình")

    def ready(self) -> None:
        from registry import search_documents

        search_documents.register()
