from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from urging import reasons

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TemplateForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("body",)
    reason = forms.ChoiceField(label=_("Lý do nhắc"), choices=())
    subject = forms.CharField(label=_("Tiêu đề thư"), max_length=200)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Chỗ trống: {don_vi} tên đơn vị, {han} hạn, "
                                       "{con_thieu} nội dung còn thiếu, {dot} tên đợt."))
    valid_from = forms.DateField(label=_("Áp dụng từ"), widget=DATE)
    valid_to = forms.DateField(label=_("Áp dụng đến"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = reasons.choices()


class ScheduleForm(CleanTextMixin, forms.Form):
    offsets = forms.CharField(label=_("Các ngày nhắc so với hạn (ví dụ: -7, -1, 1)"),
                              max_length=200, required=False)
    reasons = forms.MultipleChoiceField(label=_("Lý do nhắc"), choices=(), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    is_active = forms.BooleanField(label=_("Đang áp dụng"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = reasons.choices()
