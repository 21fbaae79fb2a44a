"""The navigation context every page's header reads (roles, the open campaign, unread notices)."""

from accounts import roles
from accounts.models import PROVINCE_WIDE_ROLES, Role
from guidance.selectors import open_campaign


def current_roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    user_roles = {g.role for g in roles.grants(user)}
    return {
        "user_roles": user_roles,
        "is_province_wide": roles.is_province_wide(user),
        "is_standing_office": Role.STANDING_OFFICE in user_roles,
        # the central committee: reads every province, no council or reminders pages
        "is_national": Role.NATIONAL_OFFICE in user_roles
        and not user_roles & PROVINCE_WIDE_ROLES,
        "nav_campaign": open_campaign() if roles.is_province_wide(user) else None,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
