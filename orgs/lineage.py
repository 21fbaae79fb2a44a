"""Where a unit sits in today's tree and in the tree before the 2025 reform — the two groupings
of the review statistics (``reviews``): by **current unit** and by **former district**.

Each unit gets exactly one group of each kind, so the groups of a figure add up to its total:

* **current** — the unit itself when it is in force on the day; otherwise its one current
  successor (a former commune → the 2025 commune it merged into); a former unit with several
  current successors (a former district) stays its own group, marked as ended.
* **former** — the former district-level unit (huyện, thành phố before 01/07/2025) the unit
  belonged to: a district is its own group; a former commune or a unit under one belongs to its
  district; a 2025 commune (or a unit under one) belongs to the former district most of the
  former communes it was formed from belonged to — on a tie, the district of the former commune
  whose code it kept, then the lowest district code (six Lai Châu communes straddle two former
  districts: Phường Đoàn Kết, Phường Tân Phong, …). Everything else (provincial agencies, mass
  organisations, enterprises) is the province level, grouped under the province unit.

The replication spread page (``replication.selectors.communes_by_former_district``) shows a
straddling commune under *both* districts — a map, not a count; statistics use this one rule.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from orgs.models import Unit, UnitSuccession, UnitType


@dataclass(frozen=True)
class Group:
    """A group of a grouping: the unit it is named after (a current unit, a former district or
    the province) and whether that unit has ended."""

    unit_id: int
    code: str
    name: str
    unit_type: str
    ended: bool
    sort: tuple


def _group(unit: Unit, day: datetime.date, order: int) -> Group:
    return Group(unit.pk, unit.code, unit.name, unit.unit_type, not unit.is_valid_on(day),
                 (order, bytes(unit.sort_key or b""), unit.code))


def province_root() -> Unit | None:
    return Unit.objects.filter(unit_type=UnitType.PROVINCE, parent__isnull=True).order_by(
        "-valid_from").first()


def _ancestors(units: list[Unit]) -> dict[int, Unit]:
    """Every unit on the tree paths of ``units`` (one query)."""
    ids = {int(part) for u in units for part in (u.tree_path or "").strip("/").split("/") if part}
    return {u.pk: u for u in Unit.objects.filter(pk__in=ids)}


def _chain(unit: Unit, known: dict[int, Unit]) -> list[Unit]:
    """``unit`` and its ancestors, nearest first."""
    ids = [int(p) for p in (unit.tree_path or "").strip("/").split("/") if p]
    chain = [known[i] for i in reversed(ids) if i in known]
    return chain if chain and chain[0].pk == unit.pk else [unit, *chain]


def former_districts(unit_ids) -> dict[int, Group]:
    """unit id → its former-district group (or the province group), by the rule above."""
    units = list(Unit.objects.filter(pk__in=set(unit_ids)))
    known = _ancestors(units)
    root = province_root()
    province = _group(root, datetime.date.today(), 9) if root else Group(0, "", "", "", False,
                                                                          (9,))
    # The 2025 communes on the chains: their predecessors' districts, one query.
    new_communes = {c.pk for u in units for c in _chain(u, known)
                    if c.unit_type == UnitType.COMMUNE and c.parent_id
                    and known.get(c.parent_id) is not None
                    and known[c.parent_id].unit_type != UnitType.DISTRICT}
    votes: dict[int, Counter] = {}
    kept: dict[int, int] = {}
    districts: dict[int, Unit] = {}
    links = (UnitSuccession.objects.filter(successor_id__in=new_communes,
                                           predecessor__unit_type=UnitType.COMMUNE,
                                           predecessor__parent__unit_type=UnitType.DISTRICT)
             .select_related("predecessor__parent", "successor"))
    for link in links:
        district = link.predecessor.parent
        districts[district.pk] = district
        votes.setdefault(link.successor_id, Counter())[district.pk] += 1
        if link.predecessor.code == link.successor.code:
            kept[link.successor_id] = district.pk
    day = datetime.date.today()
    result: dict[int, Group] = {}
    for unit in units:
        found = None
        for node in _chain(unit, known):
            if node.unit_type == UnitType.DISTRICT:
                found = node
                break
            if node.pk in votes:
                tally = votes[node.pk]
                top = max(tally.values())
                leaders = [d for d, n in tally.items() if n == top]
                choice = kept.get(node.pk) if kept.get(node.pk) in leaders else None
                found = districts[choice or min(leaders, key=lambda d: districts[d].code)]
                break
        result[unit.pk] = _group(found, day, 1) if found is not None else province
    return result


def current_units(unit_ids, *, on: datetime.date | None = None) -> dict[int, Group]:
    """unit id → its current-unit group, by the rule above."""
    from orgs.selectors import current_successors

    day = on or datetime.date.today()
    result: dict[int, Group] = {}
    for unit in Unit.objects.filter(pk__in=set(unit_ids)):
        if unit.is_valid_on(day):
            result[unit.pk] = _group(unit, day, 1)
            continue
        successors = current_successors(unit, day)
        result[unit.pk] = _group(successors[0] if len(successors) == 1 else unit, day,
                                 1 if len(successors) == 1 else 2)
    return result


GROUPINGS = ("current", "former")


def groups_of(unit_ids, grouping: str) -> dict[int, Group]:
    return former_districts(unit_ids) if grouping == "former" else current_units(unit_ids)
