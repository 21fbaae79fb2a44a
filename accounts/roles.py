"""Who a user is, as the rules need it: memberships loaded once per user object — and the ONE
answer to "what may this user read" (the scope), which every selector and rule asks.

The scope:

* a **unit role** (officer, head) reads its unit and the units below it (``Unit.tree_path``
  prefix);
* a **province-wide role** (standing office, council member, system administrator) reads the
  whole province its membership's unit lies in: the subtree of the nearest unit of type
  "Ủy ban nhân dân tỉnh" at or above that unit. The units under no province (only hand-made
  data: the reference data and the benchmark put every unit under its province's committee)
  are read as one more "province": a province-wide membership in one of them reads every tree
  whose root is not a province;
* a **national role** (Ban Thi đua - Khen thưởng Trung ương) and a superuser read every
  province.

``province_paths(user)`` answers the province part (``None``: every province), ``scope_q`` /
``scoped`` filter any queryset by the path of its rows' unit, ``in_scope`` checks one unit.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import NATIONAL_ROLES, PROVINCE_WIDE_ROLES, WIDE_ROLES, Membership

# orgs.UnitType.PROVINCE (accounts sits below orgs and does not import it; a test checks the
# two agree).
PROVINCE_UNIT_TYPE = "province"


@dataclass(frozen=True)
class Grant:
    unit_id: int
    tree_path: str
    role: str
    # What the grant reads: the unit's own subtree for a unit role, the province's subtree for
    # a province-wide role (the trees under no province, for a membership in one of them),
    # () (everything) for a national role.
    scope_paths: tuple[str, ...] = ()


def _unit_model():
    return Membership._meta.get_field("unit").related_model


def _ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part.isdigit()]


def _outside_every_province() -> tuple[str, ...]:
    """The paths of the trees under no province: every root unit that is not a province."""
    return tuple(sorted(
        _unit_model().objects.filter(parent__isnull=True)
        .exclude(unit_type=PROVINCE_UNIT_TYPE).values_list("tree_path", flat=True)
    ))


def _province_scopes(paths: set[str]) -> dict[str, tuple[str, ...]]:
    """unit path → what a province-wide membership there reads: the path of the province it
    lies in (the deepest province unit at or above it), or, when there is none, every tree
    under no province. One query for all of a user's paths (two when one lies outside)."""
    ids = {i for path in paths for i in _ancestor_ids(path)}
    provinces = set(
        _unit_model().objects.filter(pk__in=ids, unit_type=PROVINCE_UNIT_TYPE)
        .values_list("tree_path", flat=True)
    )
    found = {}
    outside = None
    for path in paths:
        above = [p for p in provinces if p and path.startswith(p)]
        if above:
            found[path] = (max(above, key=len),)
        else:
            if outside is None:
                outside = _outside_every_province()
            found[path] = outside or (path,)
    return found


def grants(user) -> tuple[Grant, ...]:
    """The user's active memberships (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, "_dienhinh_grants", None)
    if cached is None:
        rows = [
            (unit_id, path or f"/{unit_id}/", role)
            for unit_id, path, role in Membership.objects.filter(
                user=user, is_active=True).values_list("unit_id", "unit__tree_path", "role")
        ]
        wide_paths = {path for _id, path, role in rows if role in PROVINCE_WIDE_ROLES}
        provinces = _province_scopes(wide_paths) if wide_paths else {}
        cached = tuple(
            Grant(unit_id, path, role,
                  () if role in NATIONAL_ROLES else provinces.get(path, (path,)))
            for unit_id, path, role in rows
        )
        user._dienhinh_grants = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return any(g.role in roles for g in grants(user))


def is_province_wide(user) -> bool:
    """Reads beyond its own unit: a province (standing office, council, system administrator)
    or every province (a national role, a superuser). What it reads is ``province_paths``."""
    return bool(getattr(user, "is_superuser", False)) or any(
        g.role in WIDE_ROLES for g in grants(user)
    )


def sees_every_province(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *NATIONAL_ROLES)


def province_paths(user) -> tuple[str, ...] | None:
    """``None`` for every province (a national role, a superuser); otherwise the tree paths of
    the provinces the user's province-wide memberships lie in (empty: no such membership)."""
    if sees_every_province(user):
        return None
    return tuple(sorted({p for g in grants(user) if g.role in PROVINCE_WIDE_ROLES
                         for p in g.scope_paths}))


def _id_field(path_field: str) -> str:
    prefix = path_field.removesuffix("tree_path")
    return f"{prefix}id" if prefix else "pk"


def under(paths, path_field: str = "unit__tree_path") -> Q | None:
    """Rows whose unit lies under one of ``paths``; ``None`` (no filter) for ``paths=None``."""
    if paths is None:
        return None
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def scope_q(user, path_field: str = "unit__tree_path") -> Q | None:
    """The rows ``user`` may read, as a condition on the path of their unit (``path_field``:
    ``"tree_path"`` for units, ``"unit__tree_path"``, ``"registration__unit__tree_path"``…).
    ``None``: everything (national role, superuser)."""
    if sees_every_province(user):
        return None
    id_field = _id_field(path_field)
    condition = Q(pk__in=[])
    for path in province_paths(user) or ():
        condition |= Q(**{f"{path_field}__startswith": path})
    for grant in grants(user):
        if grant.role in WIDE_ROLES:
            continue
        condition |= Q(**{id_field: grant.unit_id})
        if grant.tree_path:
            condition |= Q(**{f"{path_field}__startswith": grant.tree_path})
    return condition


def scoped(queryset: QuerySet, user, path_field: str = "unit__tree_path") -> QuerySet:
    """``queryset`` narrowed to what ``user`` may read (``scope_q``)."""
    condition = scope_q(user, path_field)
    return queryset if condition is None else queryset.filter(condition)


def in_province_scope(user, unit) -> bool:
    """``unit`` lies in a province the user reads as a whole (a province-wide or national
    role)."""
    if unit is None:
        return False
    if sees_every_province(user):
        return True
    path = unit.tree_path or f"/{unit.pk}/"
    return any(path.startswith(p) for p in province_paths(user))


def in_scope(user, unit) -> bool:
    """The user may read ``unit``: in a province they read as a whole, or their unit's
    subtree."""
    return in_province_scope(user, unit) or covers(user, unit)


def provinces_in_scope(user) -> list:
    """The provinces (their committee units) the user reads as a whole: every one for the
    national role, the province of each province-wide membership otherwise (none for unit
    staff)."""
    paths = province_paths(user)
    provinces = _unit_model().objects.filter(unit_type=PROVINCE_UNIT_TYPE)
    if paths is not None:
        provinces = provinces.filter(tree_path__in=paths)
    return list(provinces.order_by("sort_key", "name"))


@dataclass(frozen=True)
class ProvinceFilter:
    """The ``?tinh=<unit id>`` filter of the pages that gather a province (overview, compiled
    list, review statistics, search): offered only when the user's scope spans several
    provinces. ``paths`` is what the page's queries are narrowed to (``None``: every
    province) — always inside the user's scope, which the page's selectors apply anyway."""

    choices: tuple = ()
    chosen: object = None
    paths: tuple[str, ...] | None = None

    @property
    def shown(self) -> bool:
        return len(self.choices) > 1

    @property
    def value(self) -> str:
        return str(self.chosen.pk) if self.chosen is not None else ""


PROVINCE_PARAM = "tinh"


def province_filter(user, value: str | None) -> ProvinceFilter:
    """The filter for ``user`` with ``value`` (the query's ``tinh``) chosen; a value that names
    no province of the user's scope chooses nothing (all of the scope)."""
    paths = province_paths(user)
    if paths is not None and len(paths) <= 1:
        return ProvinceFilter((), None, paths)  # one province: no choice, no query
    choices = tuple(provinces_in_scope(user))
    chosen = next((p for p in choices if str(p.pk) == (value or "").strip()), None)
    return ProvinceFilter(choices, chosen, (chosen.tree_path,) if chosen is not None else paths)


def unit_ids_with_role(user, *roles: str) -> set[int]:
    return {g.unit_id for g in grants(user) if g.role in roles}


def covers(user, unit, *roles: str) -> bool:
    """True when one of the user's memberships (with one of ``roles``, or any) is ``unit`` or
    an ancestor of it — a parent unit's staff read their subordinate units."""
    path = unit.tree_path or f"/{unit.pk}/"
    for g in grants(user):
        if roles and g.role not in roles:
            continue
        if g.unit_id == unit.pk or (g.tree_path and path.startswith(g.tree_path)):
            return True
    return False
