"""Sections that apps above orgs add to a unit's page (reminders sent, inspections, plans…).

orgs imports no app above it; an app registers a panel from its ``AppConfig.ready()``:

    from orgs.panels import register_panel

    register_panel("urging", lambda unit, user: {"title": _("Nhắc nhở, đôn đốc"),
                                                 "template": "urging/_unit_panel.html",
                                                 "context": {...}} or None)

The function returns ``None`` when it has nothing to show this user for this unit. Panels are
shown in registration order; each reads through its own app's selectors (scoped by ``user``).
"""

from collections.abc import Callable

Panel = Callable[[object, object], dict | None]
_PANELS: dict[str, Panel] = {}


def register_panel(key: str, panel: Panel) -> None:
    _PANELS[key] = panel


def panels_for(unit, user) -> list[dict]:
    shown = []
    for panel in _PANELS.values():
        section = panel(unit, user)
        if section:
            shown.append(section)
    return shown
