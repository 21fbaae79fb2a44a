"""Sections that apps above orgs add to a unit's page (reminders sent, inspections, plans…).

orgs imports no app above it; an app registers a panel from its ``AppConfig.ready()``:

    from orgs.panels import register_panel

    register_panel("urging", lambda unit, user: {"title": _("Nhắc nhở, đôn đốc"),
                                                 "template": "urging/_unit_panel.html",
                                                 "context": {...}} or None)

The function returns ``None`` when it has nothing to show this user for this unit. Panels are
shown in registration order; each reads through its own app's selectors (scoped by ``user``).
"""

from core.panels import Panels

_PANELS = Panels()
register_panel = _PANELS.register


def panels_for(unit, user) -> list[dict]:
    return _PANELS.shown(unit, user)
