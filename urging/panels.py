"""The section "Nhắc nhở, đôn đốc" on a unit's page (``orgs.panels``)."""

from django.utils.translation import gettext as _

from urging import selectors


def unit_panel(unit, user) -> dict | None:
    if not user.has_perm("urging.view_unit_reminders", unit):
        return None
    items = list(selectors.reminders_visible_to(user).filter(unit=unit)[:20])
    summary = selectors.unit_summary(unit)
    return {"title": _("Nhắc nhở, đôn đốc"), "template": "urging/_unit_panel.html",
            "context": {"items": items, "summary": summary}}
