"""Turn the reference files into checked specs: blocks, units (with parents) and successions.

Parents and successions in the hand-edited tables name a unit by code only; the row meant is the
one in force on the relevant day (the child's ``valid_from``; the day before and the day of a
succession's ``effective_on``), so ``SNV → SNV`` on 2025-03-01 links the two Sở Nội vụ rows.
"""

import datetime
from dataclasses import replace
from pathlib import Path

from orgs.reference.files import (
    REFERENCE_DIR,
    parse_date,
    parse_flag,
    read_districts,
    read_former_communes,
    read_new_commune_dates,
    read_new_communes,
    read_province,
    read_variants,
    rows,
)
from orgs.reference.matching import match_communes
from orgs.reference.specs import (
    BlockSpec,
    Key,
    ReferenceData,
    ReferenceDataError,
    SuccessionSpec,
    UnitSpec,
    key_label,
)

UNIT_TABLES = ("agencies.csv", "subordinate-units.csv", "sample-enterprises.csv")
ONE_DAY = datetime.timedelta(days=1)


def build_reference_data(
    directory: Path = REFERENCE_DIR, *, include_samples: bool = True
) -> ReferenceData:
    """Every reference fact, checked; raises :class:`ReferenceDataError` listing all problems."""
    problems: list[str] = []
    province = read_province(directory)
    blocks = [
        BlockSpec(r["code"], r["name"], parse_date(r["valid_from"]), parse_date(r["valid_to"]))
        for r in rows(directory, "emulation-blocks.csv")
    ]
    units, successions = _local_government(directory, province, problems)
    table_rows = [
        row for filename in UNIT_TABLES for row in rows(directory, filename)
        if include_samples or not parse_flag(row.get("sample", ""))
    ]
    units += [_table_unit(row) for row in table_rows]
    index = _index(units, problems)
    parent_codes = {row["_where"]: row["parent_code"] for row in table_rows}
    units = [
        replace(spec, parent=_resolve(index, parent_codes[spec.source], spec.valid_from,
                                      spec.source, problems))
        if spec.source in parent_codes else spec
        for spec in units
    ]
    successions += _agency_successions(directory, index, problems)
    _check(units, blocks, successions, problems)
    if problems:
        raise ReferenceDataError(problems)
    return ReferenceData(blocks, units, successions)


def _local_government(
    directory: Path, province: dict, problems: list[str]
) -> tuple[list[UnitSpec], list[SuccessionSpec]]:
    """The root, the former districts and communes, the 2025 communes and their links."""
    root_data = province["root_unit"]
    root = UnitSpec(
        code=root_data["code"], valid_from=datetime.date.fromisoformat(root_data["valid_from"]),
        name=root_data["name"], unit_type="province", category=root_data["category"],
        short_name=root_data["short_name"],
    )
    former = province["former_local_units"]
    old_from = datetime.date.fromisoformat(former["valid_from"])
    old_to = datetime.date.fromisoformat(former["valid_to"])
    reform = province["reform_2025"]
    reform_on = datetime.date.fromisoformat(reform["effective_on"])

    districts = read_districts(directory)
    former_communes = read_former_communes(directory)
    new_communes = read_new_communes(directory)
    new_dates = read_new_commune_dates(directory)
    units = [root]
    units += [
        UnitSpec(code, old_from, name, "district", kind, old_to, root.key,
                 block=former["district_block"])
        for code, (name, kind) in districts.items()
    ]
    units += [
        UnitSpec(c.code, old_from, c.name, "commune", c.kind, old_to, (c.district_code, old_from))
        for c in former_communes
    ]
    units += [
        UnitSpec(n.code, new_dates[n.code], n.name, "commune", n.kind, None, root.key,
                 block=reform["commune_block"])
        for n in new_communes
    ]

    matching = match_communes(
        new_communes, former_communes, {code: name for code, (name, _) in districts.items()},
        read_variants(directory),
    )
    problems += matching.problems
    links = {
        ((old, old_from), (new, new_dates[new]), "merged") for old, new in matching.commune_links
    }
    links |= {
        ((old, old_from), (new, new_dates[new]), "dissolved")
        for old, new in matching.district_links
    }
    successions = [
        SuccessionSpec(old, new, kind, reform_on, reform["legal_basis"])
        for old, new, kind in sorted(links)
    ]
    return units, successions


def _table_unit(row: dict[str, str]) -> UnitSpec:
    return UnitSpec(
        code=row["code"], valid_from=parse_date(row["valid_from"]), name=row["name"],
        unit_type=row["unit_type"], category=row["category"],
        valid_to=parse_date(row["valid_to"]), short_name=row["short_name"],
        block=row["block"], address=row.get("address", ""), email=row.get("email", ""),
        notes=row["notes"], source=row["_where"],
    )


def _index(units: list[UnitSpec], problems: list[str]) -> dict[str, list[UnitSpec]]:
    index: dict[str, list[UnitSpec]] = {}
    seen: set[Key] = set()
    for spec in units:
        if spec.key in seen:
            problems.append(f"Trùng mã và ngày hiệu lực: {key_label(spec.key)}")
        seen.add(spec.key)
        index.setdefault(spec.code, []).append(spec)
    return index


def _resolve(
    index: dict[str, list[UnitSpec]], code: str, day: datetime.date, where: str,
    problems: list[str],
) -> Key | None:
    found = [spec for spec in index.get(code, []) if spec.is_valid_on(day)]
    if len(found) != 1:
        problems.append(f"{where}: không xác định được đơn vị «{code}» vào ngày {day:%d/%m/%Y}")
        return None
    return found[0].key


def _agency_successions(
    directory: Path, index: dict[str, list[UnitSpec]], problems: list[str]
) -> list[SuccessionSpec]:
    out = []
    for row in rows(directory, "agency-successions.csv"):
        effective_on = parse_date(row["effective_on"])
        before = _resolve(index, row["predecessor_code"], effective_on - ONE_DAY, row["_where"],
                          problems)
        after = _resolve(index, row["successor_code"], effective_on, row["_where"], problems)
        if before and after:
            out.append(SuccessionSpec(before, after, row["kind"], effective_on,
                                      row["legal_basis"]))
    return out


def _check(
    units: list[UnitSpec], blocks: list[BlockSpec], successions: list[SuccessionSpec],
    problems: list[str],
) -> None:
    by_key = {spec.key: spec for spec in units}
    block_codes = {b.code for b in blocks}
    with_successor = {s.predecessor for s in successions}
    for spec in units:
        where = spec.source or key_label(spec.key)
        if not spec.code or not spec.name:
            problems.append(f"{where}: thiếu mã hoặc tên")
        if spec.valid_to and spec.valid_to < spec.valid_from:
            problems.append(f"{where}: ngày hết hiệu lực trước ngày bắt đầu")
        if spec.block and spec.block not in block_codes:
            problems.append(f"{where}: không có khối thi đua «{spec.block}»")
        parent = by_key.get(spec.parent) if spec.parent else None
        if parent and not _within(spec, parent):
            problems.append(f"{where}: thời gian hiệu lực vượt ra ngoài đơn vị cấp trên")
        if spec.unit_type in ("district", "commune") and spec.valid_to and (
            spec.key not in with_successor
        ):
            problems.append(f"{where}: {spec.name} không có đơn vị kế thừa")
    for link in successions:
        for key in (link.predecessor, link.successor):
            if key not in by_key:
                problems.append(f"Liên kết kế thừa tới đơn vị không có: {key_label(key)}")


def _within(child: UnitSpec, parent: UnitSpec) -> bool:
    if child.valid_from < parent.valid_from:
        return False
    if parent.valid_to is None:
        return True
    return child.valid_to is not None and child.valid_to <= parent.valid_to
