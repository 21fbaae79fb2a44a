from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Quyết định công nhận, khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels

        # "revoke" is the registry's (and the award records') verb already: not overridden.
        labels.register_verbs({"issue": _("ban hành quyết định"),
                               "attach_signed_decision": _("đính kèm quyết định đã ký")})

        from decisions.guards import recognised_by_decision
        from registry.exemplar_guards import register_guard

        register_guard(recognised_by_decision)

        labels.register_keys({"entries": _("số tập thể, cá nhân trong danh sách")})
