"""Sections that apps above registry add to the standing office's dashboard (the review's
charts…), the same protocol as ``registry.exemplar_panels`` for an exemplar's page.

An app registers from its ``AppConfig.ready()``::

    from registry.dashboard_panels import register_panel

    register_panel("reviews", lambda page, user: {"title": _("Biểu đồ"),
                                                      "template": "reviews/_dashboard_panel.html",
                                                      "context": {...}} or None)

The function receives the page (``DashboardPage``: the campaign and the provinces the page
covers) and returns ``None`` when it has nothing to show this user; it reads through its own
app's selectors and must not write (the dashboard never creates anything).
"""

from dataclasses import dataclass

from core.panels import Panels

_PANELS = Panels()
register_panel = _PANELS.register


@dataclass(frozen=True)
class DashboardPage:
    campaign: object
    paths: tuple[str, ...] | None = None  # the provinces shown (``None``: every province)


def panels_for(campaign, user, paths: tuple[str, ...] | None = ()) -> list[dict]:
    """The panels of the dashboard of ``campaign`` over ``paths`` (by default the user's own
    provinces, ``accounts.roles.province_paths``)."""
    if paths == ():
        from accounts.roles import province_paths

        paths = province_paths(user)
    return _PANELS.shown(DashboardPage(campaign, paths), user)
