"""The system administrator's page for moving a campaign to another version of its guidance
pack: choose the version → see every verdict and quota status that would change → confirm with
a reason (POST). The work is :mod:`evaluation.pack_move`'s."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import requires
from core.errors import DomainError
from core.forms import CleanTextMixin
from evaluation import pack_move
from evaluation.views import OUTCOME_LABELS, STATUS_LABELS
from guidance.models import Campaign, GuidancePack


def _campaign(request, campaign_code, **_kwargs) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("pack"), code=campaign_code)


class MoveForm(CleanTextMixin, forms.Form):
    version = forms.TypedChoiceField(label=gettext_lazy("Chuyển sang phiên bản"), coerce=int)
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, versions: list[GuidancePack], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [
            (p.version, f"{p.version} — {p.title} ({p.valid_from:%d/%m/%Y})") for p in versions]


def _quota_label(met: bool | None) -> str:
    return {True: _("Đạt chỉ tiêu"), False: _("Chưa đạt chỉ tiêu"), None: _("Không có chỉ tiêu")}[met]


@requires(pack_move.PERMISSION, obj=_campaign)
def campaign_pack_move(request, campaign_code, target: Campaign):
    versions = pack_move.versions_to_move_to(target)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = MoveForm(data, versions=versions)
    preview, chosen = None, None
    if data is not None and form.is_valid():
        chosen = next(p for p in versions if p.version == form.cleaned_data["version"])
        try:
            if request.method == "POST":
                pack_move.move_campaign_to_version(
                    campaign=target, pack=chosen, reason=form.cleaned_data["reason"],
                    expected_digest=form.cleaned_data["digest"], acting_user=request.user)
                messages.success(request, _("Đợt %(campaign)s đã chuyển sang %(pack)s.") % {
                    "campaign": target.code, "pack": chosen})
                return redirect("guidance:campaign_list")
            preview = pack_move.preview_campaign_move(campaign=target, pack=chosen,
                                                      acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            if request.method == "POST" and error.field == "reason":
                preview = pack_move.preview_campaign_move(campaign=target, pack=chosen,
                                                          acting_user=request.user)
    confirm = None
    if preview is not None:
        confirm = MoveForm(initial={"version": chosen.version, "digest": preview.digest,
                                    "reason": form.cleaned_data.get("reason", "")},
                           versions=versions)
    return render(request, "evaluation/campaign_pack_move.html", {
        "campaign": target, "form": form, "versions": versions, "preview": preview,
        "confirm": confirm,
        "verdicts": [(v, OUTCOME_LABELS[v.before], OUTCOME_LABELS[v.after],
                      [(c.code, STATUS_LABELS.get(c.before, "—"), STATUS_LABELS.get(c.after, "—"))
                       for c in v.criteria]) for v in (preview.verdicts if preview else [])],
        "quotas": [(q, _quota_label(q.before), _quota_label(q.after))
                   for q in (preview.quotas if preview else [])],
    })
