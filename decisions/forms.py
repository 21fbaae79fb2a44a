from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin


class DraftForm(WellFormedMixin, CleanTextMixin, forms.Form):
    """A new draft: the authority, the passed items it names, the signer."""

    multiline_fields = ("signature_block",)
    authority = forms.ModelChoiceField(label=_("Cơ quan, người ban hành"), queryset=None,
                                       empty_label=None)
    items = forms.ModelMultipleChoiceField(
        label=_("Tập thể, cá nhân đã được Hội đồng thông qua"), queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mọi tập thể, cá nhân trong một quyết định cùng một hình thức khen thưởng "
                    "hoặc một danh hiệu."))
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=150)
    signature_block = forms.ChoiceField(label=_("Thẩm quyền ký"), required=False)

    def __init__(self, *args, authorities, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: (
            f"{item.exemplar.name} — {item.proposal.unit.name} — {item.award.name}")
        choices = [("", _("— Theo cơ quan ban hành —"))]
        for authority in authorities:
            for block in authority.signature_choices:
                label = f"{authority.symbol}: {block.replace(chr(10), ' / ')}"
                choices.append((block, label))
        self.fields["signature_block"].choices = choices


class EditForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("legal_basis", "proposal_text", "articles", "recipients",
                        "signature_block")
    version = forms.IntegerField(widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    legal_basis = forms.CharField(label=_("Căn cứ ban hành (mỗi dòng một căn cứ)"),
                                  widget=forms.Textarea(attrs={"rows": 6}))
    proposal_text = forms.CharField(label=_("Xét đề nghị"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    articles = forms.CharField(label=_("Các điều tiếp theo (Điều 2, Điều 3 …)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("Điều 1 (tặng, công nhận kèm danh sách) do hệ thống "
                                           "ghi theo danh sách kèm theo."))
    recipients = forms.CharField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    signature_block = forms.CharField(label=_("Thẩm quyền ký (mỗi dòng một dòng)"),
                                      required=False, widget=forms.Textarea(attrs={"rows": 3}))
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=150)


class VersionForm(WellFormedMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class IssueForm(WellFormedMixin, forms.Form):
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận ban hành: quyết định được cấp số, ghi vào hồ sơ thành tích và "
                "không sửa được nữa."))


class RevokeForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("reason", "legal_basis")
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label=_("Căn cứ thu hồi"),
                                  widget=forms.Textarea(attrs={"rows": 2}))
