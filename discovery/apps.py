from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Phát hiện điển hình: giới thiệu người tốt, việc tốt")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from discovery.workflow import SUGGESTION_TRANSITIONS

        labels.register_verbs({name: step.label for name, step in SUGGESTION_TRANSITIONS.items()})
        labels.register_keys({"photos": _("ảnh")})
