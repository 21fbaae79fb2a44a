"""What each number on the standing office's pages means, declared once.

``COUNTERS`` is the overview's table of counters: a key, the query parameter that filters by it,
a label and one ``Q`` over the dashboard rows (units annotated by ``registry.dashboard``). The
card counts with that ``Q``, the filter (``?state=<key>`` or ``?quota=<key>``) filters with it,
and the Excel export of the filtered overview lists the same rows — so a card's number, the rows
its link shows and the rows of its export are equal by construction
(``tests/registry/test_counters.py`` compares them).

Only registrations sent to the standing office (``SENT_STATES``: submitted or received) count as
sent or toward quotas met. Units whose registration is still being drafted, awaits the head or was
returned are counted too, but in their own counters, labelled as not sent.

``SCOPES`` are the compiled list's state filter: which registrations' exemplars it lists
(default: the sent ones; ``?state=all`` every registration, drafts labelled).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.enums import SENT_STATES, RegistrationState

UNSENT_STATES = frozenset(RegistrationState) - SENT_STATES
_SENT = Q(registration_state__in=SENT_STATES)


@dataclass(frozen=True)
class Counter:
    key: str          # its value in the filter (?<param>=<key>) and its key in the summary
    param: str        # "state" or "quota"; "" for the total, which filters nothing
    label: str
    q: Q              # over ``dashboard.dashboard_rows``
    sent: bool        # True: counts only registrations sent to the standing office


COUNTERS: tuple[Counter, ...] = (
    Counter("total", "", _("đơn vị phải đăng ký"), Q(), False),
    Counter("registered", "state", _("đã lập biểu"), Q(registration_id__isnull=False), False),
    Counter("sent", "state", _("đã gửi Sở Nội vụ (kể cả đã tiếp nhận)"), _SENT, True),
    Counter("submitted", "state", _("đã gửi, chờ tiếp nhận"),
            Q(registration_state=RegistrationState.SUBMITTED), True),
    Counter("received", "state", _("đã tiếp nhận"),
            Q(registration_state=RegistrationState.RECEIVED), True),
    Counter("late", "state", _("gửi muộn"), _SENT & Q(registration_is_late=True), True),
    Counter("met", "quota", _("đạt chỉ tiêu (biểu đã gửi)"), _SENT & Q(quota_met=True), True),
    Counter("unmet", "quota", _("chưa đạt chỉ tiêu (biểu đã gửi)"),
            _SENT & Q(quota_met=False), True),
    # Not sent: shown apart, labelled.
    Counter("none", "state", _("chưa lập biểu"), Q(registration_id__isnull=True), False),
    Counter("draft", "state", _("đang soạn (chưa gửi)"),
            Q(registration_state=RegistrationState.DRAFT), False),
    Counter("awaiting_approval", "state", _("chờ thủ trưởng duyệt (chưa gửi)"),
            Q(registration_state=RegistrationState.AWAITING_APPROVAL), False),
    Counter("returned", "state", _("bị trả lại (chưa gửi)"),
            Q(registration_state=RegistrationState.RETURNED), False),
    Counter("unsent", "state", _("đã lập biểu nhưng chưa gửi"),
            Q(registration_state__in=UNSENT_STATES), False),
    Counter("met_unsent", "quota", _("đủ chỉ tiêu nhưng chưa gửi"),
            Q(registration_state__in=UNSENT_STATES) & Q(quota_met=True), False),
)
BY_KEY = {c.key: c for c in COUNTERS}
SENT_CARDS = ("total", "registered", "sent", "received", "late", "met")
UNSENT_CARDS = ("none", "draft", "awaiting_approval", "returned", "met_unsent")


def counter(param: str, key: str) -> Counter | None:
    """The counter a filter value names, or None (an unknown value filters nothing)."""
    found = BY_KEY.get(key)
    return found if found is not None and found.param == param else None


def choices(param: str) -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in COUNTERS if c.param == param]


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    states: frozenset[str]


SCOPES: tuple[Scope, ...] = (
    Scope("sent", _("Đã gửi Sở Nội vụ (kể cả đã tiếp nhận)"), SENT_STATES),
    Scope("submitted", _("Đã gửi, chờ tiếp nhận"), frozenset({RegistrationState.SUBMITTED})),
    Scope("received", _("Đã tiếp nhận"), frozenset({RegistrationState.RECEIVED})),
    Scope("unsent", _("Chưa gửi (đang soạn, chờ duyệt, bị trả lại)"), UNSENT_STATES),
    Scope("all", _("Tất cả, kể cả biểu chưa gửi"), frozenset(RegistrationState)),
)
DEFAULT_SCOPE = SCOPES[0]


def scope(key: str) -> Scope:
    return next((s for s in SCOPES if s.key == key), DEFAULT_SCOPE)


def state_label(state: str | None) -> str:
    """A registration state as the lists print it: not-sent states say so."""
    if not state:
        return str(_("Chưa lập"))
    label = str(RegistrationState(state).label)
    return label if state in SENT_STATES else str(_("%(state)s (chưa gửi)") % {"state": label})
