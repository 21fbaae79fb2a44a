from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Cơ quan, đơn vị")

    def ready(self) -> None:
        from orgs import search_documents

        search_documents.register()
