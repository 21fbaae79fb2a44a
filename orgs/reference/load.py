"""Load the reference units into the database: fast, idempotent, and respectful of local edits.

* A unit is matched by ``(code, valid_from)``, a succession by ``(predecessor, successor)``,
  a block by ``code``.
* Missing rows are created in bulk; the run writes one audit event summarising what it created.
* An existing row is refreshed only when its reference facts in the files changed since the last
  load (its stored ``reference_digest`` differs): name, type, category, validity, parent for a
  unit; kind, date, legal basis for a succession. Refreshes go through ``save_unit`` /
  ``link_successor``, so each is validated and audited like an edit by hand.
* Editable details (short name, block, address, e-mail, notes) are set when a row is created and
  belong to the standing office afterwards. Blocks are only created, never changed.
* Nothing is ever deleted.
"""

from pathlib import Path
from typing import TextIO

from django.db import transaction

from audit.log import record
from audit.models import Action
from core.collation import sort_key
from core.text import fold
from orgs.models import EmulationBlock, SuccessionKind, Unit, UnitSuccession, UnitType
from orgs.reference.build import build_reference_data
from orgs.reference.files import REFERENCE_DIR
from orgs.reference.specs import (
    BlockSpec,
    Key,
    ReferenceData,
    ReferenceDataError,
    SuccessionSpec,
    UnitSpec,
    key_label,
)
from orgs.services import link_successor, path_below, save_unit

COUNT_KEYS = (
    "blocks_created", "units_created", "units_updated", "successions_created",
    "successions_updated",
)
REFRESH_REASON = "Cập nhật theo dữ liệu tham chiếu (orgs/reference)"


def load_reference_units(
    *, stdout: TextIO | None = None, include_samples: bool = True,
    directory: Path = REFERENCE_DIR,
) -> dict[str, int]:
    """Create missing reference units, blocks and successions; refresh changed reference facts.

    ``include_samples=False`` leaves out rows marked ``sample`` (fictional enterprises, unverified
    schools) — for production. ``directory`` is for tests. Returns how many rows were created or
    updated, by kind.
    """
    data = build_reference_data(directory, include_samples=include_samples)
    _check_choices(data)
    counts = dict.fromkeys(COUNT_KEYS, 0)
    with transaction.atomic():
        blocks = _sync_blocks(data.blocks, counts)
        units = _sync_units(data.units, blocks, counts)
        _sync_successions(data.successions, units, counts)
        if any(counts[k] for k in ("blocks_created", "units_created", "successions_created")):
            record(actor=None, action=Action.LOAD, obj=units[data.root.key], after=counts,
                   verb="load_reference_units", reason=REFRESH_REASON)
    if stdout is not None:
        stdout.write(
            "Dữ liệu tham chiếu đơn vị: tạo mới {units_created} đơn vị, {blocks_created} khối "
            "thi đua, {successions_created} liên kết kế thừa; cập nhật {units_updated} đơn vị, "
            "{successions_updated} liên kết.\n".format(**counts)
        )
    return counts


def _check_choices(data: ReferenceData) -> None:
    problems = [
        f"{spec.source or key_label(spec.key)}: loại đơn vị không hợp lệ «{spec.unit_type}»"
        for spec in data.units if spec.unit_type not in UnitType.values
    ]
    problems += [
        f"{key_label(s.predecessor)} → {key_label(s.successor)}: hình thức không hợp lệ «{s.kind}»"
        for s in data.successions if s.kind not in SuccessionKind.values
    ]
    if problems:
        raise ReferenceDataError(problems)


def _sync_blocks(specs: list[BlockSpec], counts: dict[str, int]) -> dict[str, EmulationBlock]:
    blocks = {b.code: b for b in EmulationBlock.objects.all()}
    missing = [
        EmulationBlock(code=s.code, name=s.name, valid_from=s.valid_from, valid_to=s.valid_to,
                       sort_key=sort_key(s.name))
        for s in specs if s.code not in blocks
    ]
    EmulationBlock.objects.bulk_create(missing)
    blocks.update((b.code, b) for b in missing)
    counts["blocks_created"] = len(missing)
    return blocks


def _sync_units(
    specs: list[UnitSpec], blocks: dict[str, EmulationBlock], counts: dict[str, int]
) -> dict[Key, Unit]:
    units: dict[Key, Unit] = {
        (u.code, u.valid_from): u
        for u in Unit.objects.filter(code__in={s.code for s in specs})
    }
    for level in _levels(specs):
        created = []
        for spec in level:
            parent = units[spec.parent] if spec.parent else None
            unit = units.get(spec.key)
            if unit is None:
                created.append(_new_unit(spec, parent, blocks))
            elif unit.reference_digest != spec.digest():
                _refresh(unit, spec, parent)
                _reload_paths(units)
                counts["units_updated"] += 1
        Unit.objects.bulk_create(created)
        for unit in created:
            parent_path = unit.parent.tree_path if unit.parent else None
            unit.tree_path = path_below(parent_path, unit.pk)
            units[(unit.code, unit.valid_from)] = unit
        Unit.objects.bulk_update(created, ["tree_path"])
        counts["units_created"] += len(created)
    return units


def _levels(specs: list[UnitSpec]) -> list[list[UnitSpec]]:
    """Specs grouped by depth in the tree, root first, so parents exist before children."""
    by_key = {s.key: s for s in specs}
    depth: dict[Key, int] = {}

    def depth_of(spec: UnitSpec) -> int:
        if spec.key not in depth:
            depth[spec.key] = 0 if spec.parent is None else depth_of(by_key[spec.parent]) + 1
        return depth[spec.key]

    levels: dict[int, list[UnitSpec]] = {}
    for spec in specs:
        levels.setdefault(depth_of(spec), []).append(spec)
    return [levels[d] for d in sorted(levels)]


def _new_unit(spec: UnitSpec, parent: Unit | None, blocks: dict[str, EmulationBlock]) -> Unit:
    return Unit(
        code=spec.code, valid_from=spec.valid_from, valid_to=spec.valid_to, name=spec.name,
        unit_type=spec.unit_type, category=spec.category, parent=parent,
        short_name=spec.short_name, emulation_block=blocks.get(spec.block),
        address=spec.address, email=spec.email, notes=spec.notes,
        folded_name=fold(spec.name), sort_key=sort_key(spec.name),
        reference_digest=spec.digest(),
    )


def _refresh(unit: Unit, spec: UnitSpec, parent: Unit | None) -> None:
    unit.name = spec.name
    unit.unit_type = spec.unit_type
    unit.category = spec.category
    unit.valid_to = spec.valid_to
    unit.parent = parent
    unit.reference_digest = spec.digest()
    save_unit(unit=unit, acting_user=None, reason=REFRESH_REASON)


def _reload_paths(units: dict[Key, Unit]) -> None:
    """A refresh may have moved a subtree; bring the in-memory paths up to date."""
    by_pk = {u.pk: u for u in units.values()}
    for pk, path in Unit.objects.filter(pk__in=by_pk).values_list("pk", "tree_path"):
        by_pk[pk].tree_path = path


def _sync_successions(
    specs: list[SuccessionSpec], units: dict[Key, Unit], counts: dict[str, int]
) -> None:
    unit_ids = [u.pk for u in units.values()]
    links = {
        (s.predecessor_id, s.successor_id): s
        for s in UnitSuccession.objects.filter(predecessor_id__in=unit_ids)
    }
    created = []
    for spec in specs:
        predecessor, successor = units[spec.predecessor], units[spec.successor]
        link = links.get((predecessor.pk, successor.pk))
        if link is None:
            created.append(UnitSuccession(
                predecessor=predecessor, successor=successor, kind=spec.kind,
                effective_on=spec.effective_on, legal_basis=spec.legal_basis,
                reference_digest=spec.digest(),
            ))
        elif link.reference_digest != spec.digest():
            link = link_successor(
                predecessor=predecessor, successor=successor, kind=spec.kind,
                effective_on=spec.effective_on, legal_basis=spec.legal_basis,
                acting_user=None, reason=REFRESH_REASON,
            )
            UnitSuccession.objects.filter(pk=link.pk).update(reference_digest=spec.digest())
            counts["successions_updated"] += 1
    UnitSuccession.objects.bulk_create(created)
    counts["successions_created"] = len(created)
