"""The section "Nhắc nhở, đôn đốc" on a unit's page (``orgs.panels``) and the column "Đã nhắc"
of the standing office's overview (``registry.dashboard_columns``)."""

from django.utils.translation import gettext as _

from urging import selectors


def unit_panel(unit, user) -> dict | None:
    if not user.has_perm("urging.view_unit_reminders", unit):
        return None
    items = list(selectors.reminders_visible_to(user).filter(unit=unit)[:20])
    summary = selectors.unit_summary(unit)
    return {"title": _("Nhắc nhở, đôn đốc"), "template": "urging/_unit_panel.html",
            "context": {"items": items, "summary": summary}}


def summary_text(summary: dict | None) -> str:
    if not summary or not summary["n"]:
        return ""
    last = summary["last"].strftime("%d/%m/%Y")
    return _("đã nhắc %(n)d lần, lần cuối %(day)s") % {"n": summary["n"], "day": last}


def overview_texts(campaign, unit_ids) -> dict[int, str]:
    """One query for the page's units: "đã nhắc N lần, lần cuối dd/mm/yyyy"."""
    return {pk: summary_text(s) for pk, s in selectors.summaries(campaign, unit_ids).items()}
