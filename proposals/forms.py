from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin


class _Versioned(WellFormedMixin, CleanTextMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProposalForm(_Versioned):
    multiline_fields = ("summary",)
    letter_number = forms.CharField(label=_("Số tờ trình"), required=False, max_length=60)
    letter_date = forms.DateField(label=_("Ngày tờ trình"), required=False, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    summary = forms.CharField(label=_("Nội dung đề nghị"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=150)


class CreateForm(ProposalForm):
    campaign = forms.ChoiceField(label=_("Đợt"))
    unit = forms.ChoiceField(label=_("Đơn vị đề nghị"))
    field_order = ["campaign", "unit"]

    def __init__(self, *args, campaigns=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [(c.pk, c.name) for c in campaigns]
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class ItemForm(_Versioned):
    multiline_fields = ("achievement",)
    exemplar = forms.ChoiceField(label=_("Điển hình (đang được bồi dưỡng, giúp đỡ)"))
    award = forms.ChoiceField(label=_("Hình thức khen thưởng hoặc danh hiệu thi đua"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, exemplars=(), titles=(), forms_=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["exemplar"]
        else:
            self.fields["exemplar"].choices = [
                (e.pk, f"{e.name} ({e.get_kind_display()})") for e in exemplars]
        self.fields["award"].choices = [
            (str(_("Hình thức khen thưởng")), [(f"form:{f.pk}", f.name) for f in forms_]),
            (str(_("Danh hiệu thi đua")), [(f"title:{t.pk}", t.name) for t in titles]),
        ]


class ReportForm(forms.Form):
    report = forms.FileField(label=_("Báo cáo thành tích (Word .docx hoặc PDF)"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ScreenForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("note",)
    result = forms.ChoiceField(label=_("Kết quả thẩm định"), choices=[
        ("accepted", _("Đủ điều kiện trình Hội đồng")), ("returned", _("Trả lại"))])
    note = forms.CharField(label=_("Ý kiến thẩm định (bắt buộc khi trả lại)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FilterForm(CleanTextMixin, forms.Form):
    campaign = forms.ChoiceField(label=_("Đợt"), required=False)
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, *args, campaigns=(), **kwargs):
        from proposals.models import ProposalState

        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [("", _("— Tất cả —")),
                                           *[(c.code, c.name) for c in campaigns]]
        self.fields["state"].choices = [("", _("— Tất cả —")), *ProposalState.choices]
