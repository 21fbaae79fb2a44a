"""Why a unit is reminded: a protocol the apps register their reasons to.

A ``Reason`` has a ``code`` (the command's ``--reason``), a ``label`` and
``select(campaign, on_date) -> list[Target]``: the units that lag for this reason on that day,
each with what it is missing (the ``{con_thieu}`` of the message). The registry's three reasons
are registered here, from the dashboard's own rows and counters (``registry.dashboard``,
``registry.counters``, ``registry.quotas``), so "not registered", "below quota" and "returned"
mean what the standing office's overview counts.

An app above urging registers its reason from its ``AppConfig.ready()`` with one call:

    from urging.reasons import Reason, Target, register_reason

    register_reason(Reason("plan_missing", _("Chưa có kế hoạch bồi dưỡng được duyệt"),
                           select=lambda campaign, on_date: [Target(unit, "…"), …]))

``KNOWN_REASONS`` lists every code the command accepts; a known code whose app has not
registered yet answers "chưa có dữ liệu" (a skip), never an error.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Target:
    unit: object          # orgs.Unit
    missing_text: str     # what the unit still lacks, in Vietnamese


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    select: Callable[[object, datetime.date], list[Target]]


# Every reason the command and the pages know, in display order, with its label (for the ones
# whose app has not registered yet).
KNOWN_REASONS: dict[str, str] = {
    "not_registered": _("Chưa lập biểu đăng ký"),
    "below_quota": _("Chưa đạt chỉ tiêu đăng ký"),
    "returned": _("Biểu bị trả lại, chưa gửi lại"),
    "plan_missing": _("Chưa có kế hoạch bồi dưỡng được duyệt"),
    "progress_overdue": _("Quá hạn báo cáo tiến độ"),
}

_REASONS: dict[str, Reason] = {}


def register_reason(reason: Reason) -> None:
    """Make ``reason`` selectable (idempotent: the same code registered again replaces it)."""
    KNOWN_REASONS.setdefault(reason.code, reason.label)
    _REASONS[reason.code] = reason


def get_reason(code: str) -> Reason | None:
    """The registered reason, or None (unknown, or known but its app has not registered)."""
    return _REASONS.get(code)


def is_known(code: str) -> bool:
    return code in KNOWN_REASONS


def label(code: str) -> str:
    return str(KNOWN_REASONS.get(code, code))


def choices() -> list[tuple[str, str]]:
    return [(code, str(text)) for code, text in KNOWN_REASONS.items()]


# --- the registry's reasons ----------------------------------------------------------------------

def _rows(campaign, counter_key: str):
    """The dashboard's rows filtered by one of its declared counters (the card's own ``Q``)."""
    from registry import counters, dashboard

    return dashboard.dashboard_rows(campaign, dashboard.DashboardFilters()).filter(
        counters.BY_KEY[counter_key].q)


def select_not_registered(campaign, on_date) -> list[Target]:
    text = gettext("Chưa lập Biểu đăng ký điển hình tiên tiến")
    return [Target(unit, text) for unit in _rows(campaign, "none")]


def select_returned(campaign, on_date) -> list[Target]:
    from registry.models import Registration

    rows = list(_rows(campaign, "returned"))
    reasons = dict(Registration.objects.filter(pk__in=[u.registration_id for u in rows])
                   .values_list("pk", "return_reason"))
    targets = []
    for unit in rows:
        text = gettext("Biểu đăng ký bị trả lại, chưa gửi lại")
        if reasons.get(unit.registration_id):
            text += gettext(" (lý do trả lại: %(reason)s)") % {"reason": reasons[unit.registration_id]}
        targets.append(Target(unit, text))
    return targets


def select_below_quota(campaign, on_date) -> list[Target]:
    """Units with a registration whose counts do not reach their quota: the dashboard's
    ``quota_met`` (``registry.quotas.quota_met_expression``) is False — the cards "chưa đạt chỉ
    tiêu (biểu đã gửi)" and the unsent ones alike; the shortfall per kind comes from
    ``registry.quotas.quota_status``, the same rule choice."""
    from registry.enums import ExemplarKind
    from registry.quotas import quota_status

    rows = _rows(campaign, "registered").filter(quota_met=False)
    targets = []
    for unit in rows:
        counts = {k.value: getattr(unit, f"n_{k.value}") for k in ExemplarKind}
        status = quota_status(campaign, unit, counts)
        if status is None:
            continue  # no quota applies to this unit type
        short = [gettext("%(kind)s: còn thiếu %(n)d (đã có %(has)d/%(need)d)")
                 % {"kind": line.label, "n": line.required - line.registered,
                    "has": line.registered, "need": line.required}
                 for line in status.lines if not line.met]
        targets.append(Target(unit, "; ".join(short)))
    return targets


def register_registry_reasons() -> None:
    register_reason(Reason("not_registered", KNOWN_REASONS["not_registered"], select_not_registered))
    register_reason(Reason("below_quota", KNOWN_REASONS["below_quota"], select_below_quota))
    register_reason(Reason("returned", KNOWN_REASONS["returned"], select_returned))
