"""Writes to organisation units. Admin, importers, commands and the reference loader call these.

Each function runs in one transaction, validates before writing (``full_clean``, which includes
``Unit.clean``/``UnitSuccession.clean``) and writes the audit log through ``audit.log.record``.
Each checks ``orgs.manage_units`` (the standing office, the system administrator) first;
``acting_user`` may be ``None`` for the system (the reference loader).
"""

import datetime

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from audit.models import Action
from core.collation import sort_key
from core.errors import NotAllowed
from core.text import clean, clean_multiline, fold
from orgs.models import EmulationBlock, Unit, UnitSuccession
from search import index as search_index

UNIT_FIELDS = (
    "code", "name", "short_name", "unit_type", "category", "parent", "emulation_block",
    "address", "email", "valid_from", "valid_to", "notes",
)
UNIT_SAVED_FIELDS = (
    "code", "name", "short_name", "unit_type", "category", "parent", "emulation_block",
    "address", "email", "valid_from", "valid_to", "notes", "tree_path", "folded_name",
    "sort_key", "reference_digest",
)
SUCCESSION_FIELDS = ("predecessor", "successor", "kind", "effective_on", "legal_basis")
BLOCK_FIELDS = ("code", "name", "valid_from", "valid_to")


def _require_manager(acting_user, unit=None) -> None:
    if acting_user is not None and not acting_user.has_perm("orgs.manage_units", unit):
        raise NotAllowed(_("Bạn không có quyền quản lý danh sách cơ quan, đơn vị."))


def save_unit(*, unit: Unit, acting_user, reason: str = "") -> Unit:
    """Create or update ``unit``.

    Side effects, in one transaction: text fields normalised (NFC, trimmed); ``folded_name``,
    ``sort_key`` and ``tree_path`` computed; if the parent changed, every descendant's
    ``tree_path`` rewritten; the row saved; one audit event written (create, or update with
    before/after — none when no audited field changed). Raises ``ValidationError`` before
    writing anything.
    """
    _require_manager(acting_user, unit)
    with transaction.atomic():
        previous = None
        if unit.pk:
            previous = (
                Unit.objects.select_for_update(of=("self",))
                .select_related("parent", "emulation_block")
                .get(pk=unit.pk)
            )
        _normalise(unit)
        unit.full_clean()
        after = snapshot(unit, UNIT_FIELDS)
        if previous is None:
            unit.tree_path = ""
            unit.save()
            unit.tree_path = _path_of(unit)
            unit.save(update_fields=["tree_path"])
            record(actor=acting_user, action=Action.CREATE, obj=unit, after=after,
                   reason=reason, unit=unit)
            _reindex(unit)
            return unit
        before = snapshot(previous, UNIT_FIELDS)
        unit.tree_path = _path_of(unit)
        unit.save(update_fields=UNIT_SAVED_FIELDS)
        if previous.tree_path and previous.tree_path != unit.tree_path:
            _move_descendants(previous.tree_path, unit.tree_path)
        if before != after:
            record(actor=acting_user, action=Action.UPDATE, obj=unit, before=before,
                   after=after, reason=reason, unit=unit)
            _reindex(unit)
        return unit


def link_successor(
    *, predecessor: Unit, successor: Unit, kind: str, effective_on: datetime.date,
    legal_basis: str = "", acting_user, reason: str = "",
) -> UnitSuccession:
    """Record that ``predecessor``'s territory or duties went to ``successor``.

    Creates the link, or updates kind/date/legal basis of an existing one for the same pair.
    Side effects, in one transaction: the link saved; one audit event on the predecessor
    (none when nothing changed). Raises ``ValidationError`` before writing anything.
    """
    _require_manager(acting_user)
    with transaction.atomic():
        link = UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).first()
        before = snapshot(link, SUCCESSION_FIELDS) if link else None
        link = link or UnitSuccession(predecessor=predecessor, successor=successor)
        link.kind = kind
        link.effective_on = effective_on
        link.legal_basis = clean(legal_basis)
        link.full_clean()
        after = snapshot(link, SUCCESSION_FIELDS)
        if before == after:
            return link
        link.save()
        record(actor=acting_user, action=Action.UPDATE if before else Action.CREATE, obj=link,
               before=before, after=after, verb="link_successor", reason=reason,
               unit=predecessor, owner=predecessor)
        _reindex(successor)
        return link


def unlink_successor(*, succession: UnitSuccession, acting_user, reason: str = "") -> None:
    """Delete a successor link. Side effects: the row deleted; one audit event."""
    _require_manager(acting_user)
    with transaction.atomic():
        before = snapshot(succession, SUCCESSION_FIELDS)
        record(actor=acting_user, action=Action.DELETE, obj=succession, before=before,
               verb="unlink_successor", reason=reason, unit=succession.predecessor,
               owner=succession.predecessor)
        successor = succession.successor
        succession.delete()
        _reindex(successor)  # the removed former name must stop finding the successor


def save_emulation_block(
    *, block: EmulationBlock, acting_user, reason: str = ""
) -> EmulationBlock:
    """Create or update an emulation block. Side effects: sort key computed; saved; audited."""
    _require_manager(acting_user)
    with transaction.atomic():
        previous = EmulationBlock.objects.filter(pk=block.pk).first() if block.pk else None
        block.code = clean(block.code)
        block.name = clean(block.name)
        block.sort_key = sort_key(block.name)
        block.full_clean()
        before = snapshot(previous, BLOCK_FIELDS) if previous else None
        after = snapshot(block, BLOCK_FIELDS)
        block.save()
        if before != after:
            record(actor=acting_user, action=Action.UPDATE if previous else Action.CREATE,
                   obj=block, before=before, after=after, reason=reason)
        return block


def path_below(parent_path: str | None, pk: int) -> str:
    """``tree_path`` of unit ``pk`` under a parent whose path is ``parent_path`` (None: root)."""
    return f"{parent_path or '/'}{pk}/"


def _normalise(unit: Unit) -> None:
    for name in ("code", "name", "short_name", "category", "address", "email"):
        setattr(unit, name, clean(getattr(unit, name)))
    unit.notes = clean_multiline(unit.notes)
    unit.folded_name = fold(unit.name)
    unit.sort_key = sort_key(unit.name)


def _path_of(unit: Unit) -> str:
    if not unit.parent_id:
        return path_below(None, unit.pk)
    parent_path = Unit.objects.filter(pk=unit.parent_id).values_list("tree_path", flat=True)
    return path_below(parent_path.first() or f"/{unit.parent_id}/", unit.pk)


def _move_descendants(old_path: str, new_path: str) -> None:
    """Every unit below ``old_path`` now lives below ``new_path`` (one UPDATE)."""
    Unit.objects.filter(tree_path__startswith=old_path).update(
        tree_path=Concat(Value(new_path), Substr(F("tree_path"), len(old_path) + 1))
    )


def _reindex(unit: Unit) -> None:
    """Keep the search index current (names, former names, unit labels of exemplars)."""
    search_index.reindex(unit)
