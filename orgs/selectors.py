import datetime

from django.db.models import Q, QuerySet

from accounts import roles
from core.text import fold
from orgs.models import Unit


def units_visible_to(user) -> QuerySet[Unit]:
    """Every unit for province-wide roles; otherwise the user's units and their subtrees."""
    units = Unit.objects.select_related("parent", "emulation_block")
    if roles.is_province_wide(user):
        return units
    condition = Q(pk__in=[])
    for grant in roles.grants(user):
        condition |= Q(pk=grant.unit_id)
        if grant.tree_path:
            condition |= Q(tree_path__startswith=grant.tree_path)
    return units.filter(condition)


def unit_list(user, *, unit_type: str = "", on: datetime.date | None = None,
              include_history: bool = False) -> QuerySet[Unit]:
    units = units_visible_to(user)
    if unit_type:
        units = units.filter(unit_type=unit_type)
    if not include_history:
        units = units.valid_on(on or datetime.date.today())
    return units.order_by("unit_type", "sort_key", "name")


def unit_history(unit: Unit) -> dict:
    """Predecessors, successors and subordinate units of ``unit``, for its page."""
    return {
        "successors": list(
            unit.successions.select_related("successor").order_by("successor__name")
        ),
        "predecessors": list(
            unit.predecessions.select_related("predecessor").order_by("predecessor__name")
        ),
        "children": list(unit.children.order_by("valid_to", "sort_key", "name")),
    }


def current_successors(unit: Unit, on: datetime.date | None = None) -> list[Unit]:
    """Follow successor links until units valid on ``on`` (default today) are reached."""
    day = on or datetime.date.today()
    seen: set[int] = set()
    frontier = [unit]
    found: list[Unit] = []
    while frontier:
        nxt = []
        for item in frontier:
            if item.pk in seen:
                continue
            seen.add(item.pk)
            if item.is_valid_on(day):
                found.append(item)
                continue
            nxt.extend(s.successor for s in item.successions.select_related("successor"))
        frontier = nxt
    # Vietnamese collation (ICU key), not code-point order: "Bản Bo" before "Bình Lư".
    return sorted({u.pk: u for u in found}.values(), key=lambda u: bytes(u.sort_key or b""))


def find_units(text: str) -> list[Unit]:
    """Units whose code is ``text`` or whose name equals it ignoring case and diacritics;
    the current ones first."""
    wanted = fold(text)
    units = Unit.objects.filter(Q(code__iexact=text.strip()) | Q(folded_name=wanted))
    current = list(units.current())
    return current or list(units)
