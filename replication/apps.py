from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplicationConfig(AppConfig):
    name = "replication"
    verbose_name = _("Nhân rộng mô hình, điển hình")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from registry.exemplar_panels import register_panel
        from replication import rules  # noqa: F401  (the permissions)
        from replication.panels import exemplar_panel

        register_panel("replication", exemplar_panel)
        labels.register_verbs({"end_adoption": _("kết thúc áp dụng")})
