"""Scoped reads of suggestions: the standing office sees every one; a unit's staff (and the
units above) see those routed to units they see."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from discovery.models import Suggestion, SuggestionState


@dataclass(frozen=True)
class Filters:
    state: str = ""
    unit: int | None = None
    text: str = ""


def suggestions_visible_to(user) -> QuerySet[Suggestion]:
    base = Suggestion.objects.select_related("routed_unit", "unit", "screened_by")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if user.has_perm("discovery.view_all_suggestions"):
        return base
    from orgs.selectors import units_visible_to

    return base.filter(state=SuggestionState.ACCEPTED_ROUTED,
                       routed_unit__in=units_visible_to(user))


def suggestion_list(user, filters: Filters = Filters()) -> QuerySet[Suggestion]:
    rows = suggestions_visible_to(user)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.unit:
        rows = rows.filter(Q(routed_unit_id=filters.unit) | Q(unit_id=filters.unit))
    if filters.text:
        rows = rows.filter(Q(whom__icontains=filters.text) | Q(what__icontains=filters.text)
                           | Q(where__icontains=filters.text))
    return rows.prefetch_related("photos")


def routed_units(user) -> list:
    """The units the user's visible suggestions were routed to (the list's unit filter)."""
    from orgs.models import Unit

    ids = suggestions_visible_to(user).exclude(routed_unit=None).values("routed_unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("sort_key", "name").only("pk", "name"))
