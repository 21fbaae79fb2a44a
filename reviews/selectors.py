"""Reads of a review: the statistics of a period (every figure of ``reviews.figures`` counted by
the database, grouped by unit in SQL and rolled up to the groups of ``orgs.lineage``), the list
a figure counts (its drill-down), the periods and the kept reports.

``statistics(period, grouping)`` is what the page, the report (DOCX and XLSX), the API and the
``review_report`` command print; ``drill(...)`` is the list behind any of its numbers, and a
test checks that the two agree for every figure.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, QuerySet
from django.utils.translation import gettext as _

from orgs import lineage
from reviews.figures import BY_KEY, FIGURES, GROUP_COLUMNS, SECTIONS, Dim, Figure, Scope
from reviews.models import ReviewPeriod, ReviewReport


def data_version() -> int | None:
    """The last audit-log entry: every write of the services logs one, so nothing counted here
    can change while it stays the same (a kept report records it; charts are cached by it)."""
    from audit.models import AuditEvent

    return AuditEvent.objects.aggregate(last=Max("pk"))["last"]


def periods() -> QuerySet[ReviewPeriod]:
    return ReviewPeriod.objects.prefetch_related("campaigns").order_by("-ends_on", "code")


def period_by_code(code: str) -> ReviewPeriod:
    return ReviewPeriod.objects.prefetch_related("campaigns__pack").get(code=code)


def reports_of(period: ReviewPeriod) -> QuerySet[ReviewReport]:
    return period.reports.select_related("period", "requested_by").order_by("-requested_at",
                                                                              "-pk")


def adhoc_period(campaigns, *, starts_on: datetime.date = datetime.date(1900, 1, 1),
                 ends_on: datetime.date = datetime.date(9999, 12, 31), code: str = "",
                 title: str = "", kind: str = "final") -> ReviewPeriod:
    """An unsaved period over ``campaigns`` (by default their whole life): what the
    ``review_report`` command reviews when no period was declared for a campaign."""
    campaigns = sorted(campaigns, key=lambda c: c.code)
    period = ReviewPeriod(code=code or "-".join(c.code for c in campaigns), kind=kind,
                          title=title or "; ".join(c.name for c in campaigns),
                          starts_on=starts_on, ends_on=ends_on)
    period._adhoc_campaigns = campaigns
    return period


def period_campaigns(period: ReviewPeriod) -> list:
    """The period's campaigns; an unsaved ``adhoc_period`` carries its own."""
    adhoc = getattr(period, "_adhoc_campaigns", None)
    return list(adhoc) if adhoc is not None else list(period.campaigns.all())


def latest_period_of(campaign) -> ReviewPeriod | None:
    """The declared period that includes ``campaign`` and ends last."""
    return (ReviewPeriod.objects.filter(campaigns=campaign).prefetch_related("campaigns__pack")
            .order_by("-ends_on", "-pk").first())


def scopes(period: ReviewPeriod, paths: tuple[str, ...] | None = None) -> list[Scope]:
    """One scope per campaign of the period; ``paths``: the provinces counted (``None``: all)."""
    return [Scope(c, period.starts_on, period.ends_on, primary=index == 0, paths=paths)
            for index, c in enumerate(sorted(period_campaigns(period), key=lambda c: c.code))]


@dataclass
class DimCount:
    key: str
    label: str
    values: list[dict]  # {"value", "label", "count"}


@dataclass
class FigureCount:
    figure: Figure
    value: int
    by_unit: dict[int | None, int]
    dims: list[DimCount] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.figure.key


@dataclass
class GroupRow:
    group: lineage.Group
    counts: dict[str, int]
    members: list[dict]  # {"unit_id", "counts"} of the units in the group that count anything


@dataclass
class Statistics:
    period: ReviewPeriod
    grouping: str
    figures: dict[str, FigureCount]
    groups: list[GroupRow]
    paths: tuple[str, ...] | None = None  # the provinces counted (``None``: every province)

    def value(self, key: str) -> int:
        return self.figures[key].value

    def sections(self) -> list[dict]:
        return [{"key": key, "label": label,
                 "figures": [self.figures[f.key] for f in FIGURES if f.section == key]}
                for key, label in SECTIONS.items()]

    def dim(self, figure: str, dim: str) -> dict[str, int]:
        found = next((d for d in self.figures[figure].dims if d.key == dim), None)
        return {v["value"]: v["count"] for v in found.values} if found else {}


def _by_unit(figure: Figure, rows: QuerySet) -> dict[int | None, int]:
    if figure.unit is None:
        n = rows.order_by().count()
        return {None: n} if n else {}
    return {row["u"]: row["n"] for row in rows.order_by().values(u=F(figure.unit))
            .annotate(n=Count("pk", distinct=True))}


def _dim_counts(dim: Dim, scoped: list[tuple[Scope, QuerySet]]) -> DimCount:
    totals: dict = {}
    labels: dict = {}
    for scope, rows in scoped:
        labels.update(dim.labels(scope.campaign))
        for row in rows.order_by().values(v=F(dim.path)).annotate(n=Count("pk", distinct=True)):
            totals[row["v"]] = totals.get(row["v"], 0) + row["n"]
    ordered = sorted(totals.items(), key=lambda item: (-item[1], str(item[0] or "")))
    return DimCount(dim.key, str(dim.label), [
        {"value": "" if value is None else str(value),
         "label": str(labels.get(value, value) or _("(chưa ghi)")), "count": n}
        for value, n in ordered])


def count_figure(figure: Figure, scope_list: list[Scope]) -> FigureCount:
    by_unit: dict[int | None, int] = {}
    scoped = [(scope, figure.rows_in(scope)) for scope in scope_list]
    for _scope, rows in scoped:
        for unit, n in _by_unit(figure, rows).items():
            by_unit[unit] = by_unit.get(unit, 0) + n
    return FigureCount(figure, sum(by_unit.values()), by_unit,
                       [_dim_counts(d, scoped) for d in figure.dims])


def group_map(unit_ids, grouping: str) -> dict[int | None, lineage.Group]:
    """unit id → group; ``None`` (the province's own acts) → the province group."""
    mapped: dict[int | None, lineage.Group] = dict(lineage.groups_of(
        [u for u in unit_ids if u is not None], grouping))
    root = lineage.province_root()
    if root is not None:
        mapped[None] = lineage.Group(root.pk, root.code, root.name, root.unit_type, False, (9,))
    return mapped


def statistics(period: ReviewPeriod, grouping: str = "current",
               paths: tuple[str, ...] | None = None) -> Statistics:
    """Every figure of ``period``; ``paths``: only the provinces under those tree paths (a
    provincial standing office's own, ``accounts.roles.province_paths``; ``None``: all)."""
    grouping = grouping if grouping in lineage.GROUPINGS else "current"
    scope_list = scopes(period, paths)
    counted = {f.key: count_figure(f, scope_list) for f in FIGURES}
    unit_ids = {u for c in counted.values() for u in c.by_unit}
    mapped = group_map(unit_ids, grouping)
    rows: dict[int, GroupRow] = {}
    members: dict[int, dict[int, dict]] = {}
    for key, count in counted.items():
        for unit, n in count.by_unit.items():
            group = mapped.get(unit) or mapped[None]
            row = rows.setdefault(group.unit_id, GroupRow(group, dict.fromkeys(counted, 0), []))
            row.counts[key] += n
            if unit is not None and key in GROUP_COLUMNS:
                member = members.setdefault(group.unit_id, {}).setdefault(
                    unit, {"unit_id": unit, "counts": dict.fromkeys(GROUP_COLUMNS, 0)})
                member["counts"][key] += n
    _name_members(members)
    for group_id, row in rows.items():
        row.members = sorted(members.get(group_id, {}).values(),
                             key=lambda m: (m["sort"], m["name"]))
    groups = sorted(rows.values(), key=lambda r: r.group.sort)
    return Statistics(period, grouping, counted, groups, paths)


def _name_members(members: dict[int, dict[int, dict]]) -> None:
    from orgs.models import Unit

    ids = {u for by_unit in members.values() for u in by_unit}
    # valid_from too: ``is_valid_on`` reads it (deferred, it would cost a query per unit)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).only(
        "pk", "code", "name", "sort_key", "valid_from", "valid_to")}
    for by_unit in members.values():
        for unit_id, member in by_unit.items():
            unit = units.get(unit_id)
            member.update({"code": unit.code if unit else "", "name": unit.name if unit else "",
                           "sort": bytes(unit.sort_key or b"") if unit else b"",
                           "ended": bool(unit and not unit.is_valid_on(datetime.date.today()))})


@dataclass
class Drill:
    figure: Figure
    parts: list[tuple[Scope, QuerySet]]  # the rows, per campaign
    total: int
    group: lineage.Group | None
    dim: Dim | None
    value: str


def drill(period: ReviewPeriod, figure_key: str, *, grouping: str = "current",
          group_id: int | None = None, dim_key: str = "", value: str | None = None,
          paths: tuple[str, ...] | None = None) -> Drill:
    """The rows ``figure_key`` counts — optionally only those of one group and one value of one
    breakdown — per campaign. ``KeyError`` for an unknown figure."""
    figure = BY_KEY[figure_key]
    dim = next((d for d in figure.dims if d.key == dim_key), None)
    parts = []
    chosen = None
    for scope in scopes(period, paths):
        rows = figure.rows_in(scope)
        if dim is not None and value is not None:
            rows = rows.filter(**({f"{dim.path}__isnull": True} if value == ""
                                  else {dim.path: value}))
        if group_id is not None:
            rows, chosen = _in_group(figure, rows, grouping, group_id)
        parts.append((scope, rows))
    total = sum(rows.order_by().values("pk").distinct().count() for _s, rows in parts)
    return Drill(figure, parts, total, chosen, dim, value or "")


def _in_group(figure: Figure, rows: QuerySet, grouping: str, group_id: int):
    if figure.unit is None:
        mapped = group_map([], grouping)
        chosen = mapped[None]
        return (rows if chosen.unit_id == group_id else rows.none()), chosen
    unit_ids = set(rows.order_by().values_list(figure.unit, flat=True).distinct())
    mapped = group_map(unit_ids, grouping)
    inside = [u for u in unit_ids if (mapped.get(u) or mapped[None]).unit_id == group_id]
    chosen = next((g for g in mapped.values() if g.unit_id == group_id), None)
    condition = {f"{figure.unit}__in": [u for u in inside if u is not None]}
    picked = rows.filter(**condition)
    if None in inside:
        picked = picked | rows.filter(**{f"{figure.unit}__isnull": True})
    return picked, chosen


def command_summary(stats: Statistics) -> dict:
    """The JSON object of ``manage.py review_report --json`` and of the API's statistics."""
    period = stats.period
    summary = {
        "period": {"code": period.code, "kind": period.kind, "title": period.title,
                   "starts_on": period.starts_on.isoformat(), "ends_on": period.ends_on.isoformat(),
                   "campaigns": sorted(c.code for c in period_campaigns(period))},
        "group_by": stats.grouping,
    }
    for key, count in stats.figures.items():
        summary[key] = count.value
    summary["exemplars_by_kind"] = stats.dim("exemplars", "kind")
    summary["exemplars_by_field"] = stats.dim("exemplars", "field")
    summary["breakdowns"] = {
        f"{key}_by_{d.key}": {v["value"]: v["count"] for v in d.values}
        for key, count in stats.figures.items() for d in count.dims}
    summary["groups"] = [
        {"unit": row.group.code, "name": row.group.name, "ended": row.group.ended,
         **{key: row.counts[key] for key in GROUP_COLUMNS},
         "members": [{"unit": m["code"], "name": m["name"], **m["counts"]} for m in row.members]}
        for row in stats.groups]
    return summary
