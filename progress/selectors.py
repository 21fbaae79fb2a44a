"""Scoped reads of progress, N+1-free: every list is annotated in the database (the latest
standing update's date and percent as subqueries), so a page's query count does not grow with
its rows.

Lateness: an exemplar whose progress is followed (registered or fostering) is "chậm cập nhật"
on day ``on`` when its latest standing update — or, before the first one, the day it was last
moved in its lifecycle (else the day it was registered) — is more than ``stale_after_days(campaign)``
days before ``on``.

For other apps: ``late_exemplars(campaign, on)`` and ``units_with_overdue_progress(campaign, on)``
(the urging app's reason), ``stale_after_days(campaign)``.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import ngettext

from accounts import roles
from guidance.models import Campaign
from progress.models import DEFAULT_STALE_AFTER_DAYS, ProgressAttachment, ProgressSettings, ProgressUpdate
from progress.rules import FOLLOWED_STATES
from registry.models import Exemplar
from registry.selectors import exemplars_visible_to


def stale_after_days(campaign: Campaign) -> int:
    """The campaign's threshold: set by the standing office, else the pack's
    ``progress_stale_after_days`` when the pack declares one, else 30."""
    row = ProgressSettings.objects.filter(campaign=campaign).values_list(
        "stale_after_days", flat=True).first()
    if row:
        return row
    pack = getattr(getattr(campaign, "pack", None), "pack", None)
    declared = getattr(pack, "progress_stale_after_days", None)
    return int(declared) if declared else DEFAULT_STALE_AFTER_DAYS


def _standing(exemplar_ref: str = "pk") -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.filter(exemplar=OuterRef(exemplar_ref), withdrawn_at__isnull=True)


def annotate_progress(exemplars: QuerySet[Exemplar], *, campaign: Campaign,
                      on: datetime.date) -> QuerySet[Exemplar]:
    """Each exemplar with ``last_update_on``, ``last_percent``, ``since`` (the day lateness
    counts from) and ``is_late`` — four columns of one query."""
    latest = _standing().order_by("-on_date", "-created_at", "-pk")
    limit = on - datetime.timedelta(days=stale_after_days(campaign))
    return exemplars.annotate(
        last_update_on=Subquery(latest.values("on_date")[:1], output_field=DateField()),
        last_percent=Subquery(latest.values("percent")[:1]),
        since=Coalesce(F("last_update_on"), TruncDate("state_changed_at"),
                       TruncDate("created_at"), output_field=DateField()),
    ).annotate(is_late=Case(
        When(Q(state__in=FOLLOWED_STATES) & Q(since__lt=limit), then=Value(True)),
        default=Value(False), output_field=BooleanField()))


@dataclass(frozen=True)
class Filters:
    unit: int | None = None
    field: str = ""
    kind: str = ""
    state: str = ""
    percent_min: int | None = None
    percent_max: int | None = None
    late: bool | None = None


def progress_list(user, *, campaign: Campaign, on: datetime.date,
                  filters: Filters = Filters()) -> QuerySet[Exemplar]:
    """The campaign's exemplars the user sees (the standing office and the council: all; a
    unit's staff: their unit's and below), annotated, filtered, in the registry's order."""
    items = exemplars_visible_to(user).filter(registration__campaign=campaign)
    if filters.unit:
        items = items.filter(registration__unit_id=filters.unit)
    if filters.field:
        items = items.filter(field_key=filters.field)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.state:
        items = items.filter(state=filters.state)
    items = annotate_progress(items, campaign=campaign, on=on)
    if filters.percent_min is not None:
        items = items.filter(last_percent__gte=filters.percent_min)
    if filters.percent_max is not None:
        items = items.filter(Q(last_percent__lte=filters.percent_max)
                             | Q(last_percent__isnull=True))
    if filters.late is not None:
        items = items.filter(is_late=filters.late)
    return items.order_by("registration__unit__name", "kind", "sort_key", "pk")


def late_exemplars(campaign: Campaign, on: datetime.date) -> QuerySet[Exemplar]:
    """Every exemplar of the campaign "chậm cập nhật" on ``on`` (unscoped: for other apps)."""
    items = Exemplar.objects.select_related("registration__unit").filter(
        registration__campaign=campaign, state__in=FOLLOWED_STATES)
    return annotate_progress(items, campaign=campaign, on=on).filter(is_late=True).order_by(
        "registration__unit__name", "kind", "sort_key", "pk")


def units_with_overdue_progress(campaign: Campaign, on: datetime.date) -> list[tuple]:
    """``[(unit, missing_text)]``: each unit with late exemplars and what it owes, in Vietnamese
    (for the urging app's reminders). Two queries whatever the size."""
    days = stale_after_days(campaign)
    by_unit: dict[int, list[Exemplar]] = {}
    units = {}
    for exemplar in late_exemplars(campaign, on):
        unit = exemplar.registration.unit
        units[unit.pk] = unit
        by_unit.setdefault(unit.pk, []).append(exemplar)
    result = []
    for unit_id, late in by_unit.items():
        names = ", ".join(e.name for e in late[:5]) + ("…" if len(late) > 5 else "")
        text = ngettext(
            "%(count)d điển hình chưa cập nhật tiến độ quá %(days)d ngày: %(names)s",
            "%(count)d điển hình chưa cập nhật tiến độ quá %(days)d ngày: %(names)s",
            len(late)) % {"count": len(late), "days": days, "names": names}
        result.append((units[unit_id], text))
    return result


def timeline(exemplar: Exemplar) -> list[ProgressUpdate]:
    """The exemplar's updates, newest first, withdrawn ones included (marked), with files."""
    return list(ProgressUpdate.objects.filter(exemplar=exemplar)
                .select_related("author")
                .prefetch_related(Prefetch("attachments",
                                           queryset=ProgressAttachment.objects.order_by("pk"))))


def exemplar_progress(exemplar: Exemplar, on: datetime.date) -> Exemplar:
    """The exemplar annotated like the list's rows (``last_percent``, ``is_late``…)."""
    campaign = exemplar.registration.campaign
    return annotate_progress(Exemplar.objects.filter(pk=exemplar.pk), campaign=campaign,
                             on=on).get()


def updates_visible_to(user) -> QuerySet[ProgressUpdate]:
    updates = ProgressUpdate.objects.select_related("exemplar__registration__unit", "author")
    return roles.scoped(updates, user, "exemplar__registration__unit__tree_path")


def attachment_for(user, pk: int) -> ProgressAttachment | None:
    return (ProgressAttachment.objects.select_related("update__exemplar__registration__unit")
            .filter(pk=pk).first())


def unit_summary(unit, user, campaign: Campaign, on: datetime.date) -> dict:
    """The unit page's panel: how many of the unit's followed exemplars, how many late."""
    items = annotate_progress(
        exemplars_visible_to(user).filter(registration__campaign=campaign,
                                          registration__unit=unit, state__in=FOLLOWED_STATES),
        campaign=campaign, on=on)
    rows = list(items.values_list("is_late", flat=True))
    return {"followed": len(rows), "late": sum(1 for late in rows if late),
            "days": stale_after_days(campaign)}


def dashboard_cells(campaign: Campaign, unit_ids, *, on: datetime.date | None = None
                    ) -> dict[int, str]:
    """The overview's "Tiến độ" cell per unit: the median percent of its followed exemplars and
    how many are late — one query for the whole page (registry.dashboard_columns)."""
    import statistics

    from django.utils import timezone
    from django.utils.translation import gettext as _

    day = on or timezone.localdate()
    rows = annotate_progress(
        Exemplar.objects.filter(registration__campaign=campaign,
                                registration__unit_id__in=list(unit_ids),
                                state__in=FOLLOWED_STATES),
        campaign=campaign, on=day,
    ).values_list("registration__unit_id", "last_percent", "is_late")
    by_unit: dict[int, list] = {}
    for unit_id, percent, late in rows:
        by_unit.setdefault(unit_id, []).append((percent or 0, late))
    cells = {}
    for unit_id, items in by_unit.items():
        median = statistics.median(p for p, _late in items)
        late = sum(1 for _p, is_late in items if is_late)
        text = _("%(median)s%% (trung vị)") % {"median": round(median)}
        if late:
            text += " · " + _("%(n)s chậm cập nhật") % {"n": late}
        cells[unit_id] = text
    return cells
