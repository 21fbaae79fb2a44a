from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin


def _date(label, *, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))


class _Versioned(WellFormedMixin, CleanTextMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PlanForm(_Versioned):
    multiline_fields = ("sector_criteria",)
    sector_criteria = forms.CharField(
        label=_("Tiêu chí cụ thể của ngành, lĩnh vực"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Cụ thể hóa tiêu chí của hướng dẫn cho ngành, lĩnh vực của đơn vị."))
    signer_name = forms.CharField(label=_("Người ký kế hoạch"), required=False, max_length=150)


class ItemForm(_Versioned):
    multiline_fields = ("notes",)
    responsible = forms.CharField(label=_("Người phụ trách"), required=False, max_length=255)
    notes = forms.CharField(label=_("Nội dung bồi dưỡng, nhân rộng"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(_Versioned):
    multiline_fields = ("content",)
    helper = forms.CharField(label=_("Người, đơn vị giúp đỡ"), max_length=255)
    content = forms.CharField(label=_("Nội dung hỗ trợ"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = _date(_("Thời hạn"))


class MilestoneForm(_Versioned):
    title = forms.CharField(label=_("Mốc"), max_length=500)
    due_on = _date(_("Thời hạn"))


class DoneForm(_Versioned):
    done_on = _date(_("Ngày hoàn thành"), required=False)


class PlanFilterForm(CleanTextMixin, forms.Form):
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, *args, **kwargs):
        from fostering.models import PlanState

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("— Tất cả —")), ("none", _("Chưa lập kế hoạch")),
                                        *PlanState.choices]
