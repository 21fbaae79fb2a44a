"""The unit tree of one generated province: committee, agencies, communes, subordinate units."""

import datetime
import random
from dataclasses import dataclass

from benchmarks import naming
from orgs.models import UnitType

OLD_ERA = datetime.date(2000, 1, 1)
TWO_LEVEL_START = datetime.date(2025, 7, 1)  # communes of the two-level local government
DISTRICTS_END = datetime.date(2025, 6, 30)

# Share of a province's units by type (about 3,300 communes in 100,000 units nationally);
# subordinate units (schools, health stations, divisions) take the rest.
SHARES: dict[str, float] = {
    UnitType.COMMUNE: 0.033, UnitType.AGENCY: 0.010, UnitType.MASS_ORGANISATION: 0.0035,
    UnitType.ARMED_FORCES: 0.0015, UnitType.ENTERPRISE: 0.008, UnitType.COOPERATIVE: 0.012,
    UnitType.DISTRICT: 0.003,
}
MIN_UNITS_PER_PROVINCE = 20


@dataclass
class PlannedUnit:
    id: int
    code: str
    name: str
    unit_type: str
    parent_id: int | None
    tree_path: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    category: str = ""


def type_counts(total: int) -> dict[str, int]:
    """How many units of each type a province of ``total`` units has (1 committee)."""
    if total < MIN_UNITS_PER_PROVINCE:
        raise ValueError(f"a province needs at least {MIN_UNITS_PER_PROVINCE} units")
    counts = {unit_type: max(1, round(total * share)) for unit_type, share in SHARES.items()}
    counts[UnitType.PROVINCE] = 1
    counts[UnitType.SUBORDINATE] = total - sum(counts.values())
    return counts


def _name_for(unit_type: str, index: int, province: str, rng: random.Random) -> tuple[str, str]:
    """(name, category) of the index-th unit of a type in a province."""
    place = naming.place_name(rng)
    if unit_type == UnitType.AGENCY:
        return f"{naming.numbered(naming.AGENCIES, index)} {province}", "sở, ngành"
    if unit_type == UnitType.MASS_ORGANISATION:
        return f"{naming.numbered(naming.MASS_ORGS, index)} {province}", "đoàn thể"
    if unit_type == UnitType.ARMED_FORCES:
        return f"{naming.numbered(naming.ARMED_FORCES, index)} {province}", "lực lượng vũ trang"
    if unit_type == UnitType.ENTERPRISE:
        return f"{rng.choice(naming.ENTERPRISE_KINDS)} {place}", "doanh nghiệp"
    if unit_type == UnitType.COOPERATIVE:
        return f"{rng.choice(naming.COOPERATIVE_KINDS)} {place}", "hợp tác xã"
    if unit_type == UnitType.DISTRICT:
        return f"Ủy ban nhân dân huyện {place}", "huyện"
    if unit_type == UnitType.COMMUNE:
        name = naming.commune_name(rng)
        return name, name.split(" ")[0].lower()
    kind = rng.choice(naming.SUBORDINATE_KINDS)
    return f"{kind} {place}", kind.split(" ")[0].lower()


def plan_province(number: int, total: int, first_id: int, rng: random.Random) -> list[PlannedUnit]:
    """The ``total`` units of province ``number`` (0-based), ids from ``first_id``."""
    province = naming.numbered(naming.PROVINCES, number)
    counts = type_counts(total)
    root = PlannedUnit(first_id, f"G{number + 1:02d}-00000", f"Ủy ban nhân dân tỉnh {province}",
                       UnitType.PROVINCE, None, f"/{first_id}/", OLD_ERA, category="tỉnh")
    units = [root]
    parents: list[PlannedUnit] = []
    order = [t for t in counts if t not in (UnitType.PROVINCE, UnitType.SUBORDINATE)]
    for unit_type in [*order, UnitType.SUBORDINATE]:
        for index in range(counts[unit_type]):
            uid = first_id + len(units)
            name, category = _name_for(unit_type, index, province, rng)
            parent = root if unit_type != UnitType.SUBORDINATE else rng.choice(parents)
            units.append(PlannedUnit(
                id=uid, code=f"G{number + 1:02d}-{len(units):05d}", name=name,
                unit_type=unit_type, parent_id=parent.id,
                tree_path=f"{parent.tree_path}{uid}/", category=category,
                valid_from=TWO_LEVEL_START if unit_type == UnitType.COMMUNE else OLD_ERA,
                valid_to=DISTRICTS_END if unit_type == UnitType.DISTRICT else None,
            ))
            if unit_type in (UnitType.AGENCY, UnitType.COMMUNE):
                parents.append(units[-1])
    return units
