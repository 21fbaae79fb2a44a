"""The confirmation step before a send that cannot be undone.

"Trình thủ trưởng duyệt" and "Duyệt và gửi Sở Nội vụ" first show this page (a GET): what is
being sent — the entries per kind, the quota status, the signed form attached — and the one
button that POSTs to ``registry:registration_transition``, whose contract is unchanged.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import requires
from registry import selectors
from registry.models import Registration
from registry.quotas import quota_status
from registry.views_signed import signed_forms_context
from registry.workflow import TRANSITIONS

# The sends that leave the unit's hands (the officer's to the head, the head's to the province).
CONFIRMED = frozenset({"send_for_approval", "approve"})


def _registration(request, pk, **_kwargs) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("unit", "campaign", "campaign__pack"), pk=pk
    )


@requires("registry.transition_registration", obj=_registration)
def registration_confirm(request, pk, name, target: Registration):
    step = TRANSITIONS.get(name)
    if step is None or name not in CONFIRMED or target.state not in step.sources:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("registry:registration_detail", pk=pk)
    if not request.user.has_perm(step.permission, target):
        raise PermissionDenied
    counts = selectors.counts_by_kind(target)
    sections = selectors.registration_sections(target)
    quota = quota_status(target.campaign, target.unit, counts)
    context = signed_forms_context(target, request.user)
    return render(request, "registry/registration_confirm.html", {
        **context, "step": step, "sections": sections, "quota": quota,
        "total": sum(len(s["rows"]) for s in sections),
        "needs_quota_reason": name == "approve" and quota is not None and not quota.met,
        "shows_signed_forms": name == "approve",
    })
