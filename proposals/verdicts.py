"""The words of a frozen verdict (the evaluation page's: ``evaluation.views``): the overall
status and each criterion's. Kept here so a verdict frozen into an item reads the same."""

from django.utils.translation import gettext_lazy

OUTCOME_LABELS = {
    "eligible": gettext_lazy("Đủ tiêu chuẩn"),
    "not_eligible": gettext_lazy("Không đủ tiêu chuẩn"),
    "missing_evidence": gettext_lazy("Thiếu minh chứng"),
    "awaiting_judgement": gettext_lazy("Chờ thẩm định"),
}
CRITERION_LABELS = {
    "pass": gettext_lazy("Đạt"),
    "fail": gettext_lazy("Không đạt"),
    "unknown": gettext_lazy("Thiếu minh chứng"),
    "needs_review": gettext_lazy("Chờ đánh giá"),
}
ELIGIBLE = "eligible"
