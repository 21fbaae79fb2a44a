from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from guidance.models import Campaign
from inspections.enums import FindingKind
from orgs.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InspectionForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("scope", "decision_basis", "team")
    title = forms.CharField(label=_("Tên đợt kiểm tra"), max_length=500)
    campaign = forms.ModelChoiceField(label=_("Đợt thi đua"), required=False,
                                      queryset=Campaign.objects.order_by("-period_start_year"),
                                      empty_label=_("— Không gắn với đợt thi đua —"))
    decision_basis = forms.CharField(
        label=_("Căn cứ (số, ngày quyết định kiểm tra)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    start_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DATE)
    end_on = forms.DateField(label=_("Ngày kết thúc"), required=False, widget=DATE)
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được kiểm tra"), queryset=Unit.objects.current().order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}))
    scope = forms.CharField(label=_("Nội dung kiểm tra"), widget=forms.Textarea(attrs={"rows": 4}))
    team = forms.CharField(label=_("Thành phần đoàn kiểm tra (mỗi dòng một người: họ tên — chức "
                                   "vụ)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FindingForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("text",)
    unit = forms.IntegerField(widget=forms.HiddenInput)
    exemplar = forms.IntegerField(label=_("Điển hình"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=FindingKind.choices)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("action",)
    unit = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.CharField(label=_("Việc phải làm"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_name = forms.CharField(label=_("Người chịu trách nhiệm"), max_length=255)
    deadline = forms.DateField(label=_("Hạn hoàn thành"), widget=DATE)


class NoteForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("note",)
    note = forms.CharField(label=_("Nội dung"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
