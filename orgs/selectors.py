import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts import roles
from core.text import clean
from orgs import naming
from orgs.models import Unit, UnitType


def units_visible_to(user) -> QuerySet[Unit]:
    """The province's units for province-wide roles, every unit for the national role;
    otherwise the user's units and their subtrees (``accounts.roles.scope_q``)."""
    units = Unit.objects.select_related("parent", "emulation_block")
    return roles.scoped(units, user, "tree_path")


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


@dataclass(frozen=True)
class Resolution:
    """What a unit's name as someone wrote it stands for: one unit, several candidates (the
    text is ambiguous: nothing is guessed), or nothing."""

    text: str
    unit: Unit | None = None
    candidates: tuple[Unit, ...] = ()
    former: Unit | None = None  # the unit named, when it was succeeded by ``unit``

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def message(self) -> str:
        if self.unit is not None:
            return ""
        if self.ambiguous:
            return _("“%(text)s” ứng với nhiều đơn vị: %(units)s. Hãy ghi mã hoặc tên đầy đủ.") % {
                "text": self.text, "units": "; ".join(f"{u.name} ({u.code})"
                                                      for u in self.candidates)}
        return _("Không tìm thấy đơn vị “%(text)s”.") % {"text": self.text}


def resolve_unit(text: str, *, on: datetime.date | None = None) -> Resolution:
    """The unit ``text`` names, on day ``on`` (default today), tried in this order — the first
    step that finds anything decides:

    1. the unit's code ("SYT", "03390");
    2. its name or short name, ignoring case, diacritics, punctuation and the usual
       abbreviations ("SỞ GD&ĐT" = "Sở Giáo dục và Đào tạo", "UBND" = "Ủy ban nhân dân");
    3. the same without the province suffix ("Sở Y tế" → "Sở Y tế tỉnh Lai Châu") or a leading
       "UBND" before a commune ("UBND xã Bình Lư" → "Xã Bình Lư").

    Units valid on the day win; a former unit only leads, through its successor links, to the
    units that took it over. More than one unit at the deciding step gives the candidates.
    """
    text = clean(text)
    day = on or datetime.date.today()
    if not text:
        return Resolution(text)
    by_code = list(Unit.objects.filter(code__iexact=text))
    if by_code:
        return _decide(text, by_code, day)
    wanted_full = naming.full_key(text)
    provinces = _provinces()
    wanted_short = naming.short_key(text, provinces=provinces, asked=True)
    pool = _pool(wanted_short)
    for matches in (
        [u for u in pool if wanted_full in (naming.full_key(u.name),
                                             naming.full_key(u.short_name) or None)],
        [u for u in pool if wanted_short in (naming.short_key(u.name, provinces=provinces),
                                              naming.short_key(u.short_name) or None)],
    ):
        if matches:
            return _decide(text, matches, day)
    return Resolution(text)


def _provinces() -> tuple[str, ...]:
    """The province names that end agency names ("… tỉnh Lai Châu"), from the province units."""
    names = Unit.objects.filter(unit_type=UnitType.PROVINCE).values_list("name", flat=True)
    found = {naming.full_key(n).rpartition(" tinh ")[2] for n in names
             if " tinh " in naming.full_key(n)}
    return tuple(sorted(found | {naming.PROVINCE}, key=len, reverse=True))


def _pool(key: str) -> list[Unit]:
    word = naming.lookup_word(key)
    units = Unit.objects.all()
    if word:
        units = units.filter(Q(folded_name__contains=word) | Q(short_name__icontains=word))
    return list(units.only("pk", "code", "name", "short_name", "valid_from", "valid_to",
                           "parent_id", "tree_path", "sort_key"))


def _decide(text: str, matches: list[Unit], day: datetime.date) -> Resolution:
    valid = [u for u in matches if u.is_valid_on(day)]
    former = None
    if not valid:
        for unit in matches:
            valid += current_successors(unit, day)
        former = matches[0] if len(matches) == 1 else None
    units = sorted({u.pk: u for u in valid}.values(), key=lambda u: bytes(u.sort_key or b""))
    if len(units) == 1:
        return Resolution(text, units[0], (units[0],), former)
    return Resolution(text, None, tuple(units))
