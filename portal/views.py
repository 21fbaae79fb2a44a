from django.shortcuts import redirect, render

from accounts import roles
from accounts.access import signed_in
from accounts.models import Role
from guidance.selectors import open_campaign
from registry import selectors as registry_selectors
from registry import views_home


@signed_in
def home(request):
    """Province-wide roles land on the overview; unit staff on their unit's registration."""
    user = request.user
    campaign = open_campaign()
    if roles.is_province_wide(user):
        if campaign is not None:
            return redirect("registry:overview", campaign_code=campaign.code)
        return render(request, "portal/home_empty.html", {"campaign": None})
    unit_ids = roles.unit_ids_with_role(user, Role.UNIT_OFFICER, Role.UNIT_HEAD)
    registrations = []
    if campaign is not None:
        registrations = [
            {"registration": r, "sections": registry_selectors.registration_sections(r)}
            for r in registry_selectors.registrations_visible_to(user).filter(
                campaign=campaign, unit_id__in=unit_ids
            )
        ]
    memberships = user.memberships.filter(is_active=True).select_related("unit")
    context = {"campaign": campaign, "registrations": registrations, "memberships": memberships}
    if user.has_perm(views_home.PERMISSION):  # a filled form dropped here finds its registration
        context |= views_home.upload_context()
    return render(request, "portal/home_unit.html", context)
