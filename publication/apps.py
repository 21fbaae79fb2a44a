from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "publication"
    verbose_name = _("Trang công khai")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from publication.workflow import PUBLICATION_TRANSITIONS

        labels.register_verbs({name: step.label for name, step in PUBLICATION_TRANSITIONS.items()})
