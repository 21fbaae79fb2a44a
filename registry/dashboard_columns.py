"""Columns that apps above registry add to the standing office's overview (plan status,
progress, reminders sent, open follow-ups…).

registry imports no app above it; an app registers a column from its ``AppConfig.ready()``:

    from registry.dashboard_columns import register_column

    register_column("reminders", _("Đã nhắc"), reminder_texts)

``values(campaign, unit_ids)`` returns ``{unit_id: text}`` for the units of the page shown — one
query (or a fixed few) for the whole page, never one per unit, so the overview's query count stays
constant as data grows. Units absent from the answer show an empty cell. Columns appear in the
order registered, on the page and in its Excel export.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    values: Callable[[object, Iterable[int]], dict[int, str]]


_COLUMNS: dict[str, Column] = {}


def register_column(key: str, label, values: Callable[[object, Iterable[int]], dict[int, str]]
                    ) -> None:
    _COLUMNS[key] = Column(key, label, values)


def columns() -> list[Column]:
    return list(_COLUMNS.values())


def fill(campaign, units: list) -> list[Column]:
    """Set ``unit.extra_cells`` — ``(label, text)`` per registered column — on each unit."""
    shown = columns()
    ids = [u.pk for u in units]
    answers = [column.values(campaign, ids) if ids else {} for column in shown]
    for unit in units:
        unit.extra_cells = [(column.label, str(answer.get(unit.pk, "")))
                            for column, answer in zip(shown, answers, strict=True)]
    return shown
