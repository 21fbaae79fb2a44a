"""The lifecycles of an inspection and of a follow-up action, declared like registry/workflow.py:
one ``Transition`` per step (from registry.workflow), run by registry's one runner
(``registry.services._common.apply_transition``) from ``inspections.services``."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from inspections.effects import (
    KEEP_STATE_REASON,
    KEEP_UNIT_NOTE,
    NO_FOLLOW_UP_LEFT,
    REQUIRE_CONCLUSION,
    STAMP_CLOSED,
    STAMP_CONCLUDED,
)
from inspections.enums import FollowUpState as F
from inspections.enums import InspectionState as S
from registry.workflow import Transition, available  # noqa: F401  (re-exported)


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


UNIT = (Role.UNIT_OFFICER, Role.UNIT_HEAD)

INSPECTION_TRANSITIONS: dict[str, Transition] = _table(
    Transition("start_inspection", _("Bắt đầu kiểm tra"),
               frozenset({S.PLANNED}), S.IN_PROGRESS, "inspections.manage_inspection",
               audience=UNIT),
    Transition("conclude_inspection", _("Kết luận kiểm tra"),
               frozenset({S.IN_PROGRESS}), S.CONCLUDED, "inspections.manage_inspection",
               effects=(REQUIRE_CONCLUSION, STAMP_CONCLUDED), audience=UNIT),
    Transition("close_inspection", _("Kết thúc đợt kiểm tra"),
               frozenset({S.CONCLUDED}), S.CLOSED, "inspections.manage_inspection",
               effects=(NO_FOLLOW_UP_LEFT,)),
)

FOLLOW_UP_TRANSITIONS: dict[str, Transition] = _table(
    Transition("start_follow_up", _("Bắt đầu thực hiện"),
               frozenset({F.OPEN}), F.IN_PROGRESS, "inspections.update_follow_up"),
    Transition("report_follow_up_done", _("Báo cáo đã hoàn thành"),
               frozenset({F.OPEN, F.IN_PROGRESS}), F.DONE_BY_UNIT,
               "inspections.update_follow_up", needs_reason=True, effects=(KEEP_UNIT_NOTE,),
               audience=(Role.STANDING_OFFICE,)),
    Transition("close_follow_up", _("Xác nhận hoàn thành, kết thúc"),
               frozenset({F.DONE_BY_UNIT}), F.CLOSED, "inspections.close_follow_up",
               effects=(STAMP_CLOSED,), audience=UNIT),
    Transition("reopen_follow_up", _("Yêu cầu tiếp tục thực hiện"),
               frozenset({F.DONE_BY_UNIT}), F.IN_PROGRESS, "inspections.close_follow_up",
               needs_reason=True, effects=(KEEP_STATE_REASON,), audience=UNIT),
)
