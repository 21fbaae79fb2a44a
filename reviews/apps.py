from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Sơ kết, tổng kết")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from registry.dashboard_panels import register_panel
        from reviews import rules  # noqa: F401  (the permissions)
        from reviews.panels import dashboard_panel

        register_panel("reviews", dashboard_panel)
        labels.register_verbs({"generate_review_report": _("lập báo cáo sơ kết, tổng kết")})
