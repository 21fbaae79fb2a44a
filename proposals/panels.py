"""The proposals section of an exemplar's page (``registry.exemplar_panels``)."""

from django.utils.translation import gettext_lazy as _

from proposals.models import ProposalItem
from proposals.selectors import proposals_visible_to


def exemplar_panel(exemplar, user) -> dict | None:
    items = list(ProposalItem.objects.filter(
        exemplar=exemplar, proposal__in=proposals_visible_to(user).values("pk"),
    ).select_related("proposal", "form", "title").order_by("-proposal__created_at", "-pk"))
    if not items:
        return None
    return {"title": _("Đề nghị công nhận, khen thưởng"),
            "template": "proposals/_exemplar_panel.html", "context": {"items": items}}
