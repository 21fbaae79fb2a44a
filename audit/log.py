"""The one writer of the audit log. Called from services and the admin's audit hooks only.

``record`` writes one event; ``record_many`` writes one event per object of a batch in bulk
inserts (an import of thousands of entries), with the same content as ``record`` would.
``owner`` is the record whose history shows the event (default: the changed object itself);
an evidence row is owned by its exemplar, a membership by its user.
"""

import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise

from audit.models import Action, AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, (models.Model, Promise)):  # a lazy translation: its text
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` on ``obj``, JSON-ready (foreign keys by their label)."""
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = _plain(value)
    return out


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    *,
    actor,
    action: Action,
    obj: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    verb: str = "",
    reason: str = "",
    unit=None,
    owner: models.Model | None = None,
) -> AuditEvent:
    owner = obj if owner is None else owner
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj),  # instances: request.user is lazy
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=diff(before or {}, after or {}),
        reason=reason,
        unit=unit,
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=str(owner.pk),
    )


def record_many(
    *,
    actor,
    action: Action,
    objects: Sequence[models.Model],
    after: Callable[[models.Model], Mapping[str, Any]],
    verb: str = "",
    reason: str = "",
    unit=None,
    owner: models.Model | None = None,
    batch_size: int = 1000,
) -> list[AuditEvent]:
    """One event per object (``after(obj)`` its state after the change), bulk-inserted; each
    owned by ``owner`` if given, else by itself."""
    types: dict[type, ContentType] = {}

    def type_of(kind: type) -> ContentType:
        if kind not in types:
            types[kind] = ContentType.objects.get_for_model(kind)
        return types[kind]

    events = []
    for obj in objects:
        kind = type(obj)
        owned_by = obj if owner is None else owner
        events.append(AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            verb=verb,
            content_type=type_of(kind),
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            changes=diff({}, after(obj)),
            reason=reason,
            unit=unit,
            owner_type=type_of(type(owned_by)),
            owner_id=str(owned_by.pk),
        ))
    return AuditEvent.objects.bulk_create(events, batch_size=batch_size)
