from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from guidance.models import Campaign
from reviews.models import ReviewKind


def _date(label, *, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))


class PeriodForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("notes",)
    code = forms.SlugField(label=_("Mã kỳ"), max_length=64, help_text=_(
        "Chữ không dấu, số và dấu gạch ngang, ví dụ: tong-ket-2022-2025."))
    kind = forms.ChoiceField(label=_("Loại"), choices=ReviewKind.choices)
    title = forms.CharField(label=_("Tên kỳ sơ kết, tổng kết"), max_length=500)
    campaigns = forms.ModelMultipleChoiceField(
        label=_("Đợt thi đua"), queryset=Campaign.objects.order_by("-period_end_year", "code"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một đợt thi đua."),
                        "invalid_choice": _("Đợt thi đua đã chọn không có.")})
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))
    held_on = _date(_("Ngày tổ chức hội nghị"), required=False)
    notes = forms.CharField(label=_("Ghi chú"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaigns"].label_from_instance = lambda c: c.name
        if editing:
            del self.fields["code"]


class GroupingForm(forms.Form):
    group_by = forms.ChoiceField(label=_("Nhóm theo"), required=False, choices=[
        ("current", _("Đơn vị hiện nay")),
        ("former", _("Huyện, thành phố cũ (trước 01/07/2025)")),
    ])
