"""Scoped reads of inspections: province-wide roles read every one; unit staff only those of
their unit (and its subtree), and within one only their own unit's rows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from accounts import roles
from inspections.enums import OPEN_FOLLOW_UP_STATES
from inspections.models import Finding, FollowUp, Inspection, InspectionUnit
from inspections.workflow import FOLLOW_UP_TRANSITIONS, INSPECTION_TRANSITIONS, available
from orgs.selectors import units_visible_to


def _units_seen(user):
    return units_visible_to(user).values("pk")


def inspections_visible_to(user) -> QuerySet[Inspection]:
    items = Inspection.objects.select_related("campaign").prefetch_related(
        Prefetch("units", to_attr="inspected_units"))
    if roles.sees_every_province(user):
        return items
    return items.filter(unit_rows__unit__in=_units_seen(user)).distinct()


def inspection_list(user, *, state: str = "", unit_id: int | None = None,
                    campaign_id: int | None = None) -> QuerySet[Inspection]:
    items = inspections_visible_to(user)
    if state:
        items = items.filter(state=state)
    if unit_id:
        items = items.filter(unit_rows__unit_id=unit_id)
    if campaign_id:
        items = items.filter(campaign_id=campaign_id)
    return items.order_by("-start_on", "-pk")


def follow_ups_visible_to(user) -> QuerySet[FollowUp]:
    items = FollowUp.objects.select_related("unit", "inspection", "owner_user")
    return roles.scoped(items, user, "unit__tree_path")


@dataclass
class UnitSection:
    row: InspectionUnit
    findings: list = field(default_factory=list)
    by_exemplar: list = field(default_factory=list)  # [(exemplar or None, [findings])]
    follow_ups: list = field(default_factory=list)

    @property
    def unit(self):
        return self.row.unit


def unit_sections(inspection: Inspection, user, *, only_unit=None) -> list[UnitSection]:
    """One section per inspected unit the user may read: its findings (overall and grouped by
    exemplar), its conclusion and its follow-ups — in a fixed number of queries."""
    rows = inspection.unit_rows.select_related("unit").order_by("unit__sort_key", "unit__name")
    rows = roles.scoped(rows, user, "unit__tree_path")
    if only_unit is not None:
        rows = rows.filter(unit=only_unit)
    sections = {row.unit_id: UnitSection(row) for row in rows}
    findings = (Finding.objects.filter(inspection=inspection, unit_id__in=list(sections))
                .select_related("exemplar").order_by("exemplar_id", "pk"))
    grouped: dict[int, dict] = defaultdict(dict)
    for finding in findings:
        sections[finding.unit_id].findings.append(finding)
        grouped[finding.unit_id].setdefault(finding.exemplar_id, (finding.exemplar, []))[1].append(
            finding)
    for unit_id, groups in grouped.items():
        general = groups.pop(None, None)
        ordered = sorted(groups.values(), key=lambda g: g[0].name)
        sections[unit_id].by_exemplar = ([general] if general else []) + ordered
    for follow_up in (FollowUp.objects.filter(inspection=inspection, unit_id__in=list(sections))
                      .select_related("unit", "owner_user", "closed_by")):
        follow_up.steps = [s for s in available(follow_up.state, FOLLOW_UP_TRANSITIONS)
                           if user.has_perm(s.permission, follow_up)]
        sections[follow_up.unit_id].follow_ups.append(follow_up)
    return list(sections.values())


def inspection_steps(inspection: Inspection, user) -> list:
    return [s for s in available(inspection.state, INSPECTION_TRANSITIONS)
            if user.has_perm(s.permission, inspection)]


def unit_inspections(unit, user) -> list[Inspection]:
    """The inspections of ``unit`` the user may read, newest first."""
    return list(inspections_visible_to(user).filter(unit_rows__unit=unit)
                .order_by("-start_on", "-pk")[:20])


def open_follow_ups_of_unit(unit, user) -> list[FollowUp]:
    return list(follow_ups_visible_to(user).filter(unit=unit, state__in=OPEN_FOLLOW_UP_STATES)
                .order_by("deadline", "pk"))


def open_follow_ups_by_unit(campaign=None) -> dict[int, int]:
    """``{unit_id: number of follow-ups still the unit's to do}`` (open or in progress), counted
    in one query; ``campaign``: only inspections of that campaign (an object or an id)."""
    items = FollowUp.objects.filter(state__in=OPEN_FOLLOW_UP_STATES)
    if campaign is not None:
        items = items.filter(inspection__campaign=campaign)
    return dict(items.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
                .order_by())


def exemplars_of_units(units) -> list:
    """The exemplars a finding may name: those registered by the inspected units."""
    from registry.models import Exemplar

    return list(Exemplar.objects.filter(registration__unit__in=units)
                .select_related("registration__unit", "registration__campaign")
                .order_by("registration__unit__name", "kind", "position"))
