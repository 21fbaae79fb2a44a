from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from search import wording
        from search.models import Abbreviation

        # An abbreviation changed (admin, loader, shell): every process reads the list again.
        post_save.connect(wording.forget, sender=Abbreviation, dispatch_uid="search-abbrev-save")
        post_delete.connect(wording.forget, sender=Abbreviation,
                            dispatch_uid="search-abbrev-delete")
