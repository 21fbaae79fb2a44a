"""Sections that apps above registry add to an exemplar's page (its proposals, its award
history…), the same protocol as ``orgs.panels`` for a unit's page.

An app registers from its ``AppConfig.ready()``::

    from registry.exemplar_panels import register_panel

    register_panel("awards", lambda exemplar, user: {"title": _("Hồ sơ thành tích"),
                                                     "template": "awards/_exemplar_panel.html",
                                                     "context": {...}} or None)

The function returns ``None`` when it has nothing to show this user for this exemplar; it reads
through its own app's selectors and must not write (an exemplar page never creates anything).
"""

from core.panels import Panels

_PANELS = Panels()
register_panel = _PANELS.register


def panels_for(exemplar, user) -> list[dict]:
    return _PANELS.shown(exemplar, user)
