from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin
from progress.files import MAX_FILES
from registry.enums import ExemplarKind, ExemplarState

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class UpdateForm(CleanTextMixin, forms.Form):
    multiline_fields = ("text", "quality_note")

    on_date = forms.DateField(label=_("Ngày cập nhật (dd/mm/yyyy)"), input_formats=DATE_FORMATS,
                              widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
                              error_messages={"invalid": _("Hãy nhập ngày theo dạng dd/mm/yyyy."),
                                              "required": _("Hãy nhập ngày cập nhật.")})
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100,
                                 error_messages={
                                     "invalid": _("Tiến độ phải là số nguyên từ 0 đến 100."),
                                     "required": _("Hãy nhập tiến độ (%)."),
                                     "min_value": _("Tiến độ phải là số nguyên từ 0 đến 100."),
                                     "max_value": _("Tiến độ phải là số nguyên từ 0 đến 100.")})
    text = forms.CharField(label=_("Nội dung (việc đã làm, kết quả)"), max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": _("Hãy nhập nội dung cập nhật.")})
    quality_note = forms.CharField(label=_("Nhận xét chất lượng"), required=False,
                                   max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(
        label=_("Tệp đính kèm (ảnh JPEG, PNG, WebP; tài liệu PDF, .docx, .xlsx; tối đa %(n)d tệp, "
                "mỗi tệp 10 MB)") % {"n": MAX_FILES}, required=False)


class WithdrawForm(CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)
    reason = forms.CharField(label=_("Lý do rút"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Hãy nêu lý do rút cập nhật.")})


class SettingsForm(forms.Form):
    stale_after_days = forms.IntegerField(
        label=_("Số ngày không cập nhật thì coi là “chậm cập nhật”"), min_value=1, max_value=365,
        error_messages={"invalid": _("Số ngày phải là số nguyên từ 1 đến 365."),
                        "required": _("Hãy nhập số ngày."),
                        "min_value": _("Số ngày phải là số nguyên từ 1 đến 365."),
                        "max_value": _("Số ngày phải là số nguyên từ 1 đến 365.")})


LATE_CHOICES = [("", _("Tất cả")), ("1", _("Chậm cập nhật")), ("0", _("Đúng hạn"))]


class ListFilterForm(forms.Form):
    campaign = forms.CharField(required=False, widget=forms.HiddenInput)
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int,
                                  empty_value=None)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False,
                             choices=[("", _("Tất cả")), *list(ExemplarKind.choices)])
    state = forms.ChoiceField(label=_("Trạng thái"), required=False,
                              choices=[("", _("Tất cả")), *list(ExemplarState.choices)])
    percent_min = forms.IntegerField(label=_("Tiến độ từ (%)"), required=False, min_value=0,
                                     max_value=100)
    percent_max = forms.IntegerField(label=_("đến (%)"), required=False, min_value=0,
                                     max_value=100)
    late = forms.ChoiceField(label=_("Cập nhật"), required=False, choices=LATE_CHOICES)

    def __init__(self, *args, units=(), fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Tất cả"))] + [(u.pk, u.name) for u in units]
        self.fields["field"].choices = [("", _("Tất cả")), *list(fields)]
