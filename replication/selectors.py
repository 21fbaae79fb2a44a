"""Scoped, N+1-free reads of adoptions, and the spread of exemplars.

* ``adoptions_visible_to(user)`` — every adoption for the province-wide roles; otherwise the
  adoptions by the user's units and of their exemplars (with the units' subtrees).
* ``spread_of(exemplar)`` — the adoptions of one exemplar, with their result counts.
* ``spread_over_time(adoptions, by="month"|"year")`` — adoptions started per period, counted in
  the database.
* ``communes_by_former_district(adoptions)`` — the current communes grouped by the former
  district-level units they came from (``orgs`` succession links), each with its adoptions.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth, TruncYear

from accounts import roles
from orgs.models import Unit, UnitSuccession, UnitType
from replication.models import Adoption


def adoptions_visible_to(user) -> QuerySet[Adoption]:
    found = Adoption.objects.select_related("unit", "exemplar", "exemplar__registration",
                                            "exemplar__registration__unit")
    if roles.sees_every_province(user):
        return found
    return found.filter(roles.scope_q(user, "unit__tree_path")
                        | roles.scope_q(user, "exemplar__registration__unit__tree_path"))


def filtered(adoptions: QuerySet[Adoption], *, field_key: str = "", kind: str = "",
             active_only: bool = False) -> QuerySet[Adoption]:
    if field_key:
        adoptions = adoptions.filter(exemplar__field_key=field_key)
    if kind:
        adoptions = adoptions.filter(exemplar__kind=kind)
    if active_only:
        adoptions = adoptions.filter(ended_on__isnull=True)
    return adoptions


def spread_of(exemplar, adoptions: QuerySet[Adoption] | None = None) -> list[Adoption]:
    adoptions = Adoption.objects.all() if adoptions is None else adoptions
    return list(adoptions.filter(exemplar=exemplar).select_related("unit").annotate(
        result_count=Count("results")).order_by("started_on", "unit__name", "pk"))


def adoption_detail(pk: int) -> Adoption:
    return Adoption.objects.select_related(
        "unit", "exemplar", "exemplar__registration", "exemplar__registration__unit",
        "recorded_by").get(pk=pk)


def results_of(adoption: Adoption) -> list:
    return list(adoption.results.select_related("recorded_by").prefetch_related("evidence")
                .order_by("-on", "-pk"))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    count: int
    label: str


def spread_over_time(adoptions: QuerySet[Adoption], *, by: str = "month") -> list[Period]:
    """Adoptions started per month (or year), gaps filled with zero, oldest first."""
    trunc = TruncYear if by == "year" else TruncMonth
    rows = (adoptions.order_by().annotate(period=trunc("started_on")).values("period")
            .annotate(n=Count("pk")).order_by("period"))
    counts = {_as_date(r["period"]): r["n"] for r in rows}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    periods, day = [], first
    while day <= last:
        label = f"{day:%Y}" if by == "year" else f"{day:%m/%Y}"
        periods.append(Period(day, counts.get(day, 0), label))
        day = (datetime.date(day.year + 1, 1, 1) if by == "year" else
               datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1))
    return periods


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass
class CommuneCell:
    unit: Unit
    adoptions: list = field(default_factory=list)

    @property
    def adopted(self) -> bool:
        return bool(self.adoptions)


@dataclass
class DistrictGroup:
    name: str
    communes: list[CommuneCell]

    @property
    def adopted_count(self) -> int:
        return sum(1 for c in self.communes if c.adopted)


def _current_of(units: list[Unit], day: datetime.date) -> dict[int, list[int]]:
    """Adopting unit id → the current unit ids it stands for (itself, or its successors)."""
    from orgs.selectors import current_successors

    return {u.pk: ([u.pk] if u.is_valid_on(day) else [s.pk for s in current_successors(u, day)])
            for u in units}


def communes_by_former_district(adoptions: QuerySet[Adoption], *,
                                on: datetime.date | None = None) -> dict:
    """The current communes grouped by former district (a commune formed from communes of two
    former districts shows under both), each with the adoptions in it — an adoption by a former
    commune counts for its successors. Also the other adopting units (agencies…), and the count
    of communes having at least one adoption."""
    day = on or datetime.date.today()
    communes = list(Unit.objects.valid_on(day).filter(unit_type=UnitType.COMMUNE)
                    .order_by("sort_key", "name"))
    cells = {c.pk: CommuneCell(c) for c in communes}
    adoption_list = list(adoptions.select_related("unit", "exemplar"))
    historic = [a.unit for a in adoption_list if not a.unit.is_valid_on(day)]
    mapped = _current_of(historic, day)
    others: dict[int, list] = {}
    for adoption in adoption_list:
        targets = mapped.get(adoption.unit_id, [adoption.unit_id])
        hit = False
        for pk in targets:
            if pk in cells:
                cells[pk].adoptions.append(adoption)
                hit = True
        if not hit:
            others.setdefault(adoption.unit_id, []).append(adoption)
    links = (UnitSuccession.objects.filter(successor__in=list(cells))
             .values_list("successor_id", "predecessor__unit_type", "predecessor__name",
                          "predecessor__parent__unit_type", "predecessor__parent__name"))
    districts: dict[str, set[int]] = {}
    for successor, kind, name, parent_kind, parent_name in links:
        if kind == UnitType.DISTRICT:
            districts.setdefault(name, set()).add(successor)
        elif parent_kind == UnitType.DISTRICT:
            districts.setdefault(parent_name, set()).add(successor)
    grouped = {pk for members in districts.values() for pk in members}
    groups = [DistrictGroup(name, [cells[pk] for pk in cells if pk in members])
              for name, members in sorted(districts.items())]
    rest = [cells[pk] for pk in cells if pk not in grouped]
    if rest:
        groups.append(DistrictGroup("", rest))
    other_units = {a.unit_id: a.unit for rows in others.values() for a in rows}
    return {
        "groups": groups,
        "others": [{"unit": other_units[pk], "adoptions": rows} for pk, rows in
                   sorted(others.items(), key=lambda item: other_units[item[0]].name)],
        "commune_total": len(cells),
        "commune_adopted": sum(1 for c in cells.values() if c.adopted),
    }


def chart(periods: list[Period], *, width: int = 640, height: int = 240) -> dict:
    """The geometry of the SVG bar chart drawn by ``replication/_chart.svg.html``."""
    top = max((p.count for p in periods), default=0) or 1
    left, bottom, pad = 36, 28, 8
    inner_w, inner_h = width - left - pad, height - bottom - pad
    step = inner_w / max(len(periods), 1)
    bar_w = max(step * 0.7, 2)
    bars = []
    for i, p in enumerate(periods):
        h = inner_h * p.count / top
        bars.append({"x": round(left + i * step + (step - bar_w) / 2, 1),
                     "y": round(pad + inner_h - h, 1), "w": round(bar_w, 1), "h": round(h, 1),
                     "label": p.label, "count": p.count,
                     "tx": round(left + i * step + step / 2, 1),
                     "show_label": len(periods) <= 12 or i % max(len(periods) // 12, 1) == 0})
    ticks = sorted({0, top, top // 2})
    return {"width": width, "height": height, "bars": bars, "left": left, "base": pad + inner_h,
            "right": width - pad, "label_y": height - 8,
            "ticks": [{"value": t, "y": round(pad + inner_h - inner_h * t / top, 1)}
                      for t in ticks],
            "total": sum(p.count for p in periods), "top": top}
