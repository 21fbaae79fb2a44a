"""The standing office's compile-and-monitor queries: every count is an SQL aggregate."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When

from guidance.models import Campaign
from orgs.models import Unit
from registry.enums import SENT_STATES, ExemplarKind
from registry.models import Exemplar, Registration
from registry.quotas import quota_met_expression
from registry.selectors import units_required_to_register

SORTS = {
    "name": ("sort_key", "name"),
    "type": ("unit_type", "sort_key"),
    "state": ("registration_state", "sort_key"),
    "quota": ("quota_met", "sort_key"),
    **{f"n_{k.value}": (f"n_{k.value}", "sort_key") for k in ExemplarKind},
}


@dataclass(frozen=True)
class DashboardFilters:
    unit_type: str = ""
    block: str = ""
    state: str = ""
    quota: str = ""  # "met" | "unmet" | ""
    sort: str = "type"

    @classmethod
    def from_query(cls, params) -> "DashboardFilters":
        sort = params.get("sort", "type")
        if sort.lstrip("-") not in SORTS:
            sort = "type"
        return cls(params.get("unit_type", ""), params.get("block", ""), params.get("state", ""),
                   params.get("quota", ""), sort)


def dashboard_rows(campaign: Campaign, filters: DashboardFilters) -> QuerySet[Unit]:
    """Units that must register, each with its registration state, lateness and counts."""
    registration = Registration.objects.filter(campaign=campaign, unit=OuterRef("pk"))
    counts = {
        f"n_{kind.value}": Count(
            "registrations__exemplars",
            filter=Q(registrations__campaign=campaign, registrations__exemplars__kind=kind.value),
        )
        for kind in ExemplarKind
    }
    rows = (
        units_required_to_register(campaign)
        .select_related("emulation_block")
        .annotate(
            registration_id=Subquery(registration.values("pk")[:1]),
            registration_state=Subquery(registration.values("state")[:1]),
            registration_is_late=Subquery(registration.values("is_late")[:1]),
            below_quota_reason=Subquery(registration.values("below_quota_reason")[:1]),
            **counts,
        )
        .annotate(quota_met=quota_met_expression(campaign))
    )
    if filters.unit_type:
        rows = rows.filter(unit_type=filters.unit_type)
    if filters.block:
        rows = rows.filter(emulation_block__code=filters.block)
    if filters.state == "none":
        rows = rows.filter(registration_id__isnull=True)
    elif filters.state:
        rows = rows.filter(registration_state=filters.state)
    if filters.quota in {"met", "unmet"}:
        rows = rows.filter(quota_met=filters.quota == "met")
    descending = filters.sort.startswith("-")
    order = SORTS[filters.sort.lstrip("-")]
    return rows.order_by(*[f"-{o}" if descending else o for o in order], "pk")


def counts_by_field(campaign: Campaign) -> list[dict]:
    """Entries per field and kind across the province, one grouped query."""
    return list(
        Exemplar.objects.filter(registration__campaign=campaign)
        .values("field_key", "kind")
        .annotate(n=Count("pk"))
        .order_by("field_key", "kind")
    )


def compiled_exemplars(campaign: Campaign, *, field: str = "", kind: str = "",
                       unit_id: str = "") -> QuerySet[Exemplar]:
    """Every registered exemplar across units, in the order of an official list."""
    items = Exemplar.objects.filter(registration__campaign=campaign).select_related(
        "registration__unit"
    )
    if field:
        items = items.filter(field_key=field)
    if kind:
        items = items.filter(kind=kind)
    if unit_id.isdigit():
        items = items.filter(registration__unit_id=int(unit_id))
    form_order = Case(
        *[When(kind=k.value, then=Value(i)) for i, k in enumerate(ExemplarKind)],
        output_field=models.IntegerField(),
    )
    return items.annotate(form_order=form_order).order_by("form_order", "sort_key", "pk")


def dashboard_summary(rows: QuerySet[Unit]) -> dict[str, int]:
    """Totals of the (filtered) dashboard, counted by the database over the same rows
    (one COUNT per figure: filtering on the annotated aggregates is what SQL does well)."""
    rows = rows.order_by()
    return {
        "total": rows.count(),
        "registered": rows.filter(registration_id__isnull=False).count(),
        "sent": rows.filter(registration_state__in=SENT_STATES).count(),
        "late": rows.filter(registration_is_late=True).count(),
        "quota_met": rows.filter(quota_met=True).count(),
    }
