"""Writes to the entries of a registration: add (one or many), change, remove, reorder.

Order numbers: every write that reads or renumbers a section's positions first locks the
registration's row (``_lock_numbering``), so concurrent adds on PostgreSQL queue instead of
reading the same ``Max(position)``; SQLite serialises writes anyway.
"""

from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, StaleVersion
from core.text import clean, clean_multiline, fold
from guidance.models import Campaign
from registry import exemplar_changes
from registry.enums import ExemplarKind, exemplar_sort_key, form_order
from registry.models import Exemplar, Registration
from registry.services._common import require, touch
from search import index as search_index

EXEMPLAR_FIELDS = [
    "kind", "name", "address", "head_name", "position_title", "work_unit", "gender",
    "birth_year", "ethnicity", "field_key", "solutions", "notes", "position", "linked_unit",
]
_MULTILINE = {"solutions", "notes"}


def _clean_exemplar_data(data: dict[str, Any], campaign: Campaign) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        if key not in EXEMPLAR_FIELDS:
            continue
        if isinstance(value, str):
            value = clean_multiline(value) if key in _MULTILINE else clean(value)
        cleaned[key] = value
    if cleaned.get("kind") not in ExemplarKind.values:
        raise DomainError(_("Loại điển hình không hợp lệ."), field="kind")
    if not cleaned.get("name"):
        raise DomainError(_("Tên không được để trống."), field="name")
    pack = campaign.pack.pack
    chosen = pack.field(cleaned.get("field_key") or "")
    if chosen is None or not chosen.selectable:
        raise DomainError(_("Hãy chọn lĩnh vực trong danh mục của hướng dẫn."), field="field_key")
    return cleaned


def _stamp_derived_columns(exemplar: Exemplar, registration: Registration) -> None:
    """The columns derived from the entry's own: search and list order (folded name, ICU key,
    the kind's form order) and its registration's campaign."""
    exemplar.folded_name = fold(exemplar.name)[:255]
    exemplar.sort_key = exemplar_sort_key(exemplar.kind, exemplar.name)
    exemplar.form_order = form_order(exemplar.kind)
    exemplar.campaign_id = registration.campaign_id


DERIVED_COLUMNS = ["folded_name", "sort_key", "form_order"]  # what a change may move


def _lock_numbering(registration: Registration) -> None:
    """Hold the registration's row until the transaction ends: the entries' order numbers are
    read and written by one writer at a time."""
    Registration.objects.select_for_update().filter(pk=registration.pk).values_list("pk").get()


def add_exemplar(*, registration: Registration, data: dict[str, Any], acting_user) -> Exemplar:
    """Append an entry to a section. Side effects: audit log, registration version bump."""
    require(acting_user, "registry.change_registration", registration)
    cleaned = _clean_exemplar_data(data, registration.campaign)
    with transaction.atomic():
        _lock_numbering(registration)
        last = registration.exemplars.filter(kind=cleaned["kind"]).aggregate(m=Max("position"))
        cleaned.setdefault("position", (last["m"] or 0) + 1)
        exemplar = Exemplar(registration=registration, created_by=acting_user, **cleaned)
        _stamp_derived_columns(exemplar, registration)
        exemplar.save()
        touch(registration)
        log.record(actor=acting_user, action=Action.CREATE, obj=exemplar, unit=registration.unit,
                   after=log.snapshot(exemplar, EXEMPLAR_FIELDS))
        search_index.reindex(exemplar)
        exemplar_changes.changed([exemplar.pk])
    return exemplar


def update_exemplar(*, exemplar: Exemplar, data: dict[str, Any], expected_version: int,
                    acting_user) -> Exemplar:
    """Change an entry unless someone saved it since ``expected_version`` was read.

    Side effects: audit log with before/after, version bump. Raises StaleVersion with the
    other person's changes when the version moved.
    """
    registration = exemplar.registration
    require(acting_user, "registry.change_registration", registration)
    merged = {name: getattr(exemplar, name) for name in EXEMPLAR_FIELDS} | data
    cleaned = _clean_exemplar_data(merged, registration.campaign)
    with transaction.atomic():
        _lock_numbering(registration)  # the same lock order as add and remove: no deadlock
        current = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if current.version != expected_version:
            raise StaleVersion(
                _("Mục này vừa được người khác sửa. Hãy xem thay đổi của họ rồi lưu lại."),
                changes=_changes_since(current),
            )
        before = log.snapshot(current, EXEMPLAR_FIELDS)
        for name, value in cleaned.items():
            setattr(current, name, value)
        _stamp_derived_columns(current, registration)
        current.version += 1
        current.save(update_fields=[*cleaned.keys(), *DERIVED_COLUMNS, "version",
                                    "updated_at"])
        touch(registration)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=registration.unit,
                   before=before, after=log.snapshot(current, EXEMPLAR_FIELDS))
        search_index.reindex(current)
        exemplar_changes.changed([current.pk])
    return current


def _changes_since(current: Exemplar) -> dict:
    from audit.models import AuditEvent

    event = (
        AuditEvent.objects.filter(content_type__model="exemplar", object_id=str(current.pk))
        .select_related("actor")
        .first()
    )
    if event is None:
        return {}
    return {"actor": str(event.actor or ""), "at": event.at, "changes": event.changes}


def remove_exemplar(*, exemplar: Exemplar, expected_version: int, acting_user) -> None:
    """Delete an entry and renumber the rest of its section. Side effects: audit log."""
    registration = exemplar.registration
    require(acting_user, "registry.change_registration", registration)
    with transaction.atomic():
        _lock_numbering(registration)
        current = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if current.version != expected_version:
            raise StaleVersion(_("Mục này vừa được người khác sửa; hãy tải lại trang."),
                               changes=_changes_since(current))
        before = log.snapshot(current, EXEMPLAR_FIELDS)
        log.record(actor=acting_user, action=Action.DELETE, obj=current, unit=registration.unit,
                   before=before)
        kind, position, exemplar_id = current.kind, current.position, current.pk
        current.delete()
        search_index.remove(Exemplar, exemplar_id)
        registration.exemplars.filter(kind=kind, position__gt=position).update(
            position=F("position") - 1
        )
        touch(registration)


def move_exemplar(*, exemplar: Exemplar, offset: int, acting_user) -> None:
    """Swap an entry with its neighbour in the section (offset -1 up, +1 down)."""
    registration = exemplar.registration
    require(acting_user, "registry.change_registration", registration)
    with transaction.atomic():
        _lock_numbering(registration)
        current = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        neighbour = (
            registration.exemplars.select_for_update()
            .filter(kind=current.kind, position=current.position + offset)
            .first()
        )
        if neighbour is None:
            return
        current.position, neighbour.position = neighbour.position, current.position
        current.version += 1
        neighbour.version += 1
        current.save(update_fields=["position", "version", "updated_at"])
        neighbour.save(update_fields=["position", "version", "updated_at"])
        exemplar_changes.changed([current.pk, neighbour.pk])
        touch(registration)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=registration.unit,
                   before={"position": neighbour.position}, after={"position": current.position})


def bulk_add_exemplars(*, registration: Registration, rows: list[dict[str, Any]],
                       acting_user) -> list[Exemplar]:
    """Append many entries at once (an import): ``add_exemplar`` for a whole list, all or
    nothing.

    The permission is checked once; every row is cleaned and validated by the same rules as
    ``add_exemplar`` (a bad row raises ``DomainError`` naming the row, before anything is
    written). Rows without a ``position`` go after the last entry of their section, in order.
    Side effects (one transaction): one bulk insert, an audit event per entry (bulk-inserted by
    ``audit.log.record_many``, as ``add_exemplar`` writes them) plus one summarising the batch
    on the registration, one version bump of the registration, the search index updated for
    each entry.
    """
    require(acting_user, "registry.change_registration", registration)
    campaign = registration.campaign
    cleaned_rows = []
    for number, data in enumerate(rows, start=1):
        try:
            cleaned_rows.append(_clean_exemplar_data(data, campaign))
        except DomainError as error:
            raise DomainError(
                _("Mục thứ %(number)s (%(name)s): %(message)s")
                % {"number": number, "name": clean(str(data.get("name") or "")) or "—",
                   "message": error.message},
                field=error.field,
            ) from error
    if not cleaned_rows:
        return []
    with transaction.atomic():
        _lock_numbering(registration)
        last = dict(registration.exemplars.order_by().values_list("kind")
                    .annotate(m=Max("position")))
        exemplars = []
        for cleaned in cleaned_rows:
            if "position" not in cleaned or cleaned["position"] is None:
                last[cleaned["kind"]] = (last.get(cleaned["kind"]) or 0) + 1
                cleaned["position"] = last[cleaned["kind"]]
            exemplar = Exemplar(registration=registration, created_by=acting_user, **cleaned)
            _stamp_derived_columns(exemplar, registration)
            exemplars.append(exemplar)
        Exemplar.objects.bulk_create(exemplars, batch_size=1000)
        if any(e.pk is None for e in exemplars):  # a database that returns no ids on insert
            raise DomainError(_("Cơ sở dữ liệu không hỗ trợ thêm hàng loạt."))
        touch(registration)
        log.record_many(actor=acting_user, action=Action.CREATE, objects=exemplars,
                        unit=registration.unit,
                        after=lambda e: log.snapshot(e, EXEMPLAR_FIELDS))
        counts: dict[str, int] = {}
        for e in exemplars:
            counts[e.kind] = counts.get(e.kind, 0) + 1
        log.record(actor=acting_user, action=Action.CREATE, obj=registration,
                   unit=registration.unit, verb="bulk_add",
                   after={"added": len(exemplars), "by_kind": counts})
        search_index.reindex_new(exemplars)
        exemplar_changes.changed([e.pk for e in exemplars])
    return exemplars
