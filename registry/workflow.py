"""The lifecycles of registrations and exemplars, declared: one table of transitions each.

A ``Transition`` says everything about one state change: where it may start (``sources``),
where it ends (``target``), the rules permission that allows it (checked on the object),
whether a reason and a legal basis are required, the ``effects`` applied to the object on the
way (``registry.effects``), and the roles told about it (``audience``). The transition services
(``registry.services.registrations``, ``registry.services.lifecycle``) run what is declared and
``registry.tasks`` reads the audience from here: adding a transition is one declaration.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from registry.effects import (
    KEEP_BELOW_QUOTA_REASON,
    KEEP_LEGAL_BASIS,
    KEEP_RETURN_REASON,
    KEEP_STATE_REASON,
    REQUIRE_QUOTA_OR_REASON,
    STAMP_RECEIVED,
    STAMP_STATE_CHANGED,
    STAMP_SUBMITTED,
    Effect,
)
from registry.enums import OPEN_EXEMPLAR_STATES
from registry.enums import ExemplarState as E
from registry.enums import RegistrationState as S


@dataclass(frozen=True)
class Transition:
    """One state change. ``name`` is the audit verb and the URL's name; ``label`` the button."""

    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    needs_reason: bool = False
    needs_legal_basis: bool = False
    effects: tuple[Effect, ...] = ()
    # Roles told after commit: unit roles are those of the object's unit; province-wide roles
    # (standing office, council) are everyone holding them. The actor is never told.
    audience: tuple[str, ...] = ()


UNIT = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


TRANSITIONS: dict[str, Transition] = _table(
    Transition("send_for_approval", _("Trình thủ trưởng duyệt"),
               frozenset({S.DRAFT, S.RETURNED}), S.AWAITING_APPROVAL,
               "registry.send_for_approval",
               audience=(Role.UNIT_HEAD,)),
    Transition("send_back", _("Trả lại để chỉnh sửa"),
               frozenset({S.AWAITING_APPROVAL}), S.DRAFT,
               "registry.approve_registration", needs_reason=True,
               audience=(Role.UNIT_OFFICER,)),
    Transition("approve", _("Duyệt và gửi Sở Nội vụ"),
               frozenset({S.AWAITING_APPROVAL}), S.SUBMITTED,
               "registry.approve_registration",
               effects=(REQUIRE_QUOTA_OR_REASON, KEEP_BELOW_QUOTA_REASON, STAMP_SUBMITTED),
               audience=(Role.UNIT_OFFICER, Role.STANDING_OFFICE)),
    Transition("receive", _("Tiếp nhận"),
               frozenset({S.SUBMITTED}), S.RECEIVED, "registry.manage_submissions",
               effects=(STAMP_RECEIVED,),
               audience=UNIT),
    Transition("return", _("Trả lại đơn vị"),
               frozenset({S.SUBMITTED}), S.RETURNED,
               "registry.manage_submissions", needs_reason=True,
               effects=(KEEP_RETURN_REASON,),
               audience=UNIT),
    Transition("reopen", _("Mở lại để đơn vị bổ sung"),
               frozenset({S.RECEIVED}), S.RETURNED,
               "registry.manage_submissions", needs_reason=True,
               effects=(KEEP_RETURN_REASON,),
               audience=UNIT),
)

# Every exemplar transition stamps the time of the change and keeps its reason (empty when none
# was given), so the exemplar shows why it stands where it stands.
_EXEMPLAR_EFFECTS = (STAMP_STATE_CHANGED, KEEP_STATE_REASON)

EXEMPLAR_TRANSITIONS: dict[str, Transition] = _table(
    Transition("foster", _("Đưa vào bồi dưỡng, giúp đỡ"),
               frozenset({E.REGISTERED}), E.FOSTERING, "registry.foster_exemplar",
               effects=_EXEMPLAR_EFFECTS, audience=UNIT),
    Transition("propose", _("Đề nghị công nhận"),
               frozenset({E.FOSTERING}), E.PROPOSED, "registry.propose_exemplar",
               effects=_EXEMPLAR_EFFECTS, audience=(*UNIT, Role.COUNCIL_MEMBER)),
    # A proposal item the standing office returns (proposals screening): the exemplar goes back
    # to being fostered, with the reason, and may be proposed again.
    Transition("return_proposal", _("Trả lại đề nghị, tiếp tục bồi dưỡng"),
               frozenset({E.PROPOSED}), E.FOSTERING, "registry.return_proposal",
               needs_reason=True, effects=_EXEMPLAR_EFFECTS, audience=UNIT),
    Transition("recognise", _("Ghi nhận được công nhận"),
               frozenset({E.PROPOSED}), E.RECOGNISED, "registry.decide_exemplar",
               effects=_EXEMPLAR_EFFECTS, audience=UNIT),
    Transition("not_recognise", _("Ghi nhận không được công nhận"),
               frozenset({E.PROPOSED}), E.NOT_RECOGNISED, "registry.decide_exemplar",
               needs_reason=True, effects=_EXEMPLAR_EFFECTS, audience=UNIT),
    Transition("withdraw", _("Rút khỏi danh sách điển hình"),
               OPEN_EXEMPLAR_STATES, E.WITHDRAWN, "registry.withdraw_exemplar",
               needs_reason=True, effects=_EXEMPLAR_EFFECTS,
               audience=(*UNIT, Role.STANDING_OFFICE)),
    Transition("revoke", _("Thu hồi công nhận"),
               frozenset({E.RECOGNISED}), E.REVOKED, "registry.revoke_exemplar",
               needs_reason=True, needs_legal_basis=True,
               effects=(*_EXEMPLAR_EFFECTS, KEEP_LEGAL_BASIS), audience=UNIT),
)


def available(state: str, table: dict[str, Transition] = TRANSITIONS) -> list[Transition]:
    return [t for t in table.values() if state in t.sources]
