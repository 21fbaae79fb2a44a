"""The fostering section of a unit's page (``orgs.panels``): the plan's state per campaign the
unit registered for, with a link to the plan or, for the unit's officer, the button to start it."""

from django.utils.translation import gettext_lazy as _


def unit_panel(unit, user) -> dict | None:
    from django.db.models import Q

    from accounts.rules import sees_unit
    from fostering.models import FosteringPlan
    from guidance.models import Campaign
    from registry.selectors import own_unit_for_registering

    if not sees_unit(user, unit):
        return None
    plans = {p.campaign_id: p for p in FosteringPlan.objects.filter(unit=unit)}
    campaigns = Campaign.objects.filter(
        Q(registrations__unit=unit) | Q(pk__in=list(plans))).distinct().order_by(
        "-period_start_year", "code")
    own = own_unit_for_registering(user)
    rows = []
    for campaign in campaigns:
        plan = plans.get(campaign.pk)
        can_start = (plan is None and own is not None and own.pk == unit.pk
                     and user.has_perm("fostering.change_plan",
                                       FosteringPlan(campaign=campaign, unit=unit)))
        rows.append({"campaign": campaign, "plan": plan, "can_start": can_start})
    if not rows:
        return None
    return {"title": _("Kế hoạch bồi dưỡng, nhân rộng"), "template": "fostering/_unit_panel.html",
            "context": {"rows": rows}}
