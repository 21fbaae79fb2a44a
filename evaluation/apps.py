from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Đánh giá tiêu chuẩn")

    def ready(self) -> None:
        from evaluation import exports, lists, verdicts
        from registry import exemplar_changes

        exports.register()  # the campaign table's Excel file as a background export

        # A unit registered as a collective reads the figures published for it (``lists``).
        exemplar_changes.register(lists.link_unit_exemplars)
        # An added or edited exemplar (kind, field, name …): its stored verdict is recomputed.
        exemplar_changes.register(verdicts.exemplars_changed)
