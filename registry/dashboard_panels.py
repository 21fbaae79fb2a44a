"""Sections that apps above registry add to the standing office's dashboard (the review's
charts…), the same protocol as ``registry.exemplar_panels`` for an exemplar's page.

An app registers from its ``AppConfig.ready()``::

    from registry.dashboard_panels import register_panel

    register_panel("reviews", lambda campaign, user: {"title": _("Biểu đồ"),
                                                      "template": "reviews/_dashboard_panel.html",
                                                      "context": {...}} or None)

The function returns ``None`` when it has nothing to show this user for this campaign; it reads
through its own app's selectors and must not write (the dashboard never creates anything).
"""

from core.panels import Panels

_PANELS = Panels()
register_panel = _PANELS.register


def panels_for(campaign, user) -> list[dict]:
    return _PANELS.shown(campaign, user)
