"""Reading the audit log: a record's history, readable.

``history_of(obj)`` is every event *owned* by ``obj`` (its own changes and those of the rows
that belong to it: an exemplar's evidence, judgements and proofs; a user's memberships), newest
first, each with its changes as (Vietnamese label, old, new) — labels from the changed model's
``verbose_name``, choices by their display, dates as dd/mm/yyyy, never raw keys or JSON.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit import labels
from audit.models import AuditEvent

MAX_SHOWN = 300  # characters of a long text shown in a history line


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    event: AuditEvent
    action: str
    verb: str
    about: str  # the changed row, when it is not the record itself ("Xếp loại hằng năm 2025")
    changes: list[Change]

    @property
    def at(self):
        return self.event.at

    @property
    def actor(self):
        return self.event.actor

    @property
    def reason(self) -> str:
        return self.event.reason


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _date(value: str, with_time: bool) -> str:
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    return parsed.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


def show_value(value: Any, field: models.Field | None = None,
               choices: Mapping[str, str] | None = None) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if choices and str(value) in choices:
        return str(choices[str(value)])
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dict):
        return "; ".join(f"{choices.get(k, k) if choices else k}: {show_value(v)}"
                         for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, str) and isinstance(field, (models.DateField, models.DateTimeField)):
        return _date(value, isinstance(field, models.DateTimeField))
    text = str(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _changes(event: AuditEvent, model, value_labels: Mapping[str, Mapping[str, str]]
             ) -> list[Change]:
    out = []
    for key, pair in (event.changes or {}).items():
        old, new = (pair if isinstance(pair, list) and len(pair) == 2 else (None, pair))
        field = _field(model, key)
        if field is not None:
            label = str(capfirst(field.verbose_name))
        else:
            label = str(capfirst(labels.key_label(key) or key.replace("_", " ")))
        choices = value_labels.get(key) or labels.key_values(key)
        out.append(Change(label, show_value(old, field, choices), show_value(new, field, choices)))
    return out


def entry(event: AuditEvent, value_labels: Mapping[str, Mapping[str, str]] | None = None
          ) -> HistoryEntry:
    model = event.content_type.model_class()
    own = (event.owner_type_id, event.owner_id) in {(None, ""),
                                                    (event.content_type_id, event.object_id)}
    about = ""
    if not own:
        kind = str(capfirst(model._meta.verbose_name)) if model is not None else ""
        about = "" if event.verb else f"{kind}: {event.object_repr}"  # a verb names the row
    return HistoryEntry(event=event, action=event.get_action_display(),
                        verb=labels.verb_label(event.verb), about=about,
                        changes=_changes(event, model, value_labels or {}))


def history_of(obj, limit: int = 50,
               value_labels: Mapping[str, Mapping[str, str]] | None = None) -> list[HistoryEntry]:
    """Events owned by ``obj``, newest first. ``value_labels``: ``{key: {code: label}}`` for
    codes the model does not know (a rating level, a key of the campaign's pack)."""
    events = (
        AuditEvent.objects.filter(
            owner_type=ContentType.objects.get_for_model(type(obj)), owner_id=str(obj.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-at", "-id")[:limit]
    )
    return [entry(event, value_labels) for event in events]
