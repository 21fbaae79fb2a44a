"""The unit page's section "Kiểm tra": the unit's inspections and its open follow-ups."""

from django.utils.translation import gettext_lazy as _

from inspections import selectors


def unit_panel(unit, user) -> dict | None:
    inspections = selectors.unit_inspections(unit, user)
    if not inspections:
        return None
    return {"title": _("Kiểm tra"), "template": "inspections/_unit_panel.html",
            "context": {"unit": unit, "inspections": inspections,
                        "follow_ups": selectors.open_follow_ups_of_unit(unit, user)}}
