from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Đánh giá tiêu chuẩn")

    def ready(self) -> None:
        from evaluation import verdicts
        from registry import exemplar_changes

        # An added or edited exemplar (kind, field, name …): its stored verdict is recomputed.
        exemplar_changes.register(verdicts.exemplars_changed)
