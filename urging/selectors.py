"""Reading reminders: the standing office's list, a unit's own, and the counts per unit."""

from django.db.models import Count, Max, QuerySet

from accounts import roles
from urging.models import Reminder


def reminders_visible_to(user) -> QuerySet[Reminder]:
    """The province's reminders for the province-wide roles (every province's for the national
    role); a unit's staff see their units' (subtree)."""
    items = Reminder.objects.select_related("unit", "campaign", "sent_by")
    return roles.scoped(items, user, "unit__tree_path")


def filtered(items: QuerySet[Reminder], *, campaign: str = "", unit: str = "",
             reason: str = "") -> QuerySet[Reminder]:
    if campaign:
        items = items.filter(campaign__code=campaign)
    if unit:
        items = items.filter(unit__code=unit) if not unit.isdigit() else items.filter(unit_id=int(unit))
    if reason:
        items = items.filter(reason=reason)
    return items.order_by("-created_at", "-pk")


def unit_summary(unit, campaign=None) -> dict:
    """How many times ``unit`` was reminded and when last: {"n": …, "last": datetime | None}."""
    items = Reminder.objects.filter(unit=unit)
    if campaign is not None:
        items = items.filter(campaign=campaign)
    totals = items.aggregate(n=Count("pk"), last=Max("day"))
    return {"n": totals["n"] or 0, "last": totals["last"]}


def summaries(campaign, unit_ids) -> dict[int, dict]:
    """``unit_summary`` for many units in one query."""
    rows = (Reminder.objects.filter(campaign=campaign, unit_id__in=list(unit_ids))
            .values("unit_id").annotate(n=Count("pk"), last=Max("day")))
    return {r["unit_id"]: {"n": r["n"], "last": r["last"]} for r in rows}
