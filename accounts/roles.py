"""Who a user is, as the rules need it: memberships loaded once per user object."""

from dataclasses import dataclass

from accounts.models import PROVINCE_WIDE_ROLES, Membership


@dataclass(frozen=True)
class Grant:
    unit_id: int
    tree_path: str
    role: str


def grants(user) -> tuple[Grant, ...]:
    """The user's active memberships (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, "_dienhinh_grants", None)
    if cached is None:
        rows = Membership.objects.filter(user=user, is_active=True).values_list(
            "unit_id", "unit__tree_path", "role"
        )
        cached = tuple(Grant(unit_id, path or "", role) for unit_id, path, role in rows)
        user._dienhinh_grants = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return any(g.role in roles for g in grants(user))


def is_province_wide(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or any(
        g.role in PROVINCE_WIDE_ROLES for g in grants(user)
    )


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

