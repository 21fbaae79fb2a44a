"""The panel protocol: a page of a lower app shows sections that apps above it add, without
importing them (``orgs.panels`` for a unit's page, ``registry.exemplar_panels`` for an
exemplar's, ``registry.dashboard_panels`` for the standing office's dashboard).

A panel is ``fn(obj, user) -> dict | None`` — ``{"title", "template", "context"}``, or ``None``
when it has nothing to show this user for this object; it reads through its own app's selectors
and never writes. Panels show in registration order (``AppConfig.ready()``).
"""

from collections.abc import Callable

Panel = Callable[[object, object], dict | None]


class Panels:
    def __init__(self) -> None:
        self._panels: dict[str, Panel] = {}

    def register(self, key: str, panel: Panel) -> None:
        self._panels[key] = panel

    def shown(self, obj, user) -> list[dict]:
        return [section for panel in self._panels.values() if (section := panel(obj, user))]
