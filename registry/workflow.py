"""The registration workflow: one table of transitions, read by the one transition service."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from registry.enums import RegistrationState as S


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("send_for_approval", _("Trình thủ trưởng duyệt"),
                   frozenset({S.DRAFT, S.RETURNED}), S.AWAITING_APPROVAL,
                   "registry.send_for_approval"),
        Transition("send_back", _("Trả lại để chỉnh sửa"),
                   frozenset({S.AWAITING_APPROVAL}), S.DRAFT,
                   "registry.approve_registration", needs_reason=True),
        Transition("approve", _("Duyệt và gửi Sở Nội vụ"),
                   frozenset({S.AWAITING_APPROVAL}), S.SUBMITTED,
                   "registry.approve_registration"),
        Transition("receive", _("Tiếp nhận"),
                   frozenset({S.SUBMITTED}), S.RECEIVED, "registry.manage_submissions"),
        Transition("return", _("Trả lại đơn vị"),
                   frozenset({S.SUBMITTED}), S.RETURNED,
                   "registry.manage_submissions", needs_reason=True),
        Transition("reopen", _("Mở lại để đơn vị bổ sung"),
                   frozenset({S.RECEIVED}), S.RETURNED,
                   "registry.manage_submissions", needs_reason=True),
    ]
}


def available(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
