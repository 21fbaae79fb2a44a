from django.shortcuts import get_object_or_404, render

from accounts.access import requires
from guidance import selectors
from guidance.models import GuidancePack


def _pack(request, pk, **_kwargs) -> GuidancePack:
    return get_object_or_404(GuidancePack, pk=pk)


@requires("guidance.view_guidance")
def campaign_list(request):
    campaigns = selectors.campaigns()
    packs = selectors.packs()
    return render(request, "guidance/campaign_list.html", {
        "campaigns": campaigns, "packs": packs,
        "can_move": request.user.has_perm("guidance.move_campaign_version"),
    })


@requires("guidance.view_guidance", obj=_pack)
def pack_detail(request, pk, target: GuidancePack):
    pack = target.pack
    return render(request, "guidance/pack_detail.html", {
        "record": target, "pack": pack, "campaigns": target.campaigns.order_by("code"),
        "general_criteria": [c for c in pack.criteria if c.group == "general"],
        "field_criteria": [c for c in pack.criteria if c.group == "field"],
        # "1 tập thể, 1 cá nhân": the kinds by the pack's own (Vietnamese) labels, not their keys
        "quotas": [(q, ", ".join(f"{n} {pack.kind_label(kind).lower()}"
                                 for kind, n in q.minimums.items())) for q in pack.quotas],
    })
