from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang kiểm tra")
    CONCLUDED = "concluded", _("Đã kết luận")
    CLOSED = "closed", _("Đã kết thúc")


# Details, findings, conclusions and follow-ups change only before the conclusion.
OPEN_INSPECTION_STATES = frozenset({InspectionState.PLANNED, InspectionState.IN_PROGRESS})


class FindingKind(models.TextChoices):
    POSITIVE = "positive", _("Ưu điểm")
    SHORTCOMING = "shortcoming", _("Tồn tại, hạn chế")


class FollowUpState(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE_BY_UNIT = "done_by_unit", _("Đơn vị báo đã hoàn thành")
    CLOSED = "closed", _("Đã kết thúc")


# Work the unit still has to do: what the dashboard counts as an open follow-up.
OPEN_FOLLOW_UP_STATES = frozenset({FollowUpState.OPEN, FollowUpState.IN_PROGRESS})
