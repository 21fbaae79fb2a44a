from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Đề nghị công nhận, khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels

        # The workflow's other verbs (send_for_approval, send_back, approve, return) are the
        # registration's, with the same words (registry.apps).
        labels.register_verbs({
            "finish_screening": _("Hoàn thành thẩm định"),
            "screen_item": _("thẩm định điển hình"),
            "attach_report": _("tải lên báo cáo thành tích"),
            "refresh_verdict": _("cập nhật kết quả đánh giá"),
        })

        from proposals.panels import exemplar_panel
        from registry.exemplar_panels import register_panel

        register_panel("proposals", exemplar_panel)

        from proposals.guards import in_live_proposal
        from registry.exemplar_guards import register_guard

        register_guard(in_live_proposal)

        labels.register_keys({"report": _("báo cáo thành tích")})
