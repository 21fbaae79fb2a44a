from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin
from discovery.models import SuggestionState
from discovery.services import LIMITS, MAX_PHOTOS
from progress.forms import MultipleFileField

HONEYPOT = "website"  # a field people never see (CSS class), that bots fill in
STEPS = {"review", "send", "edit"}


class SuggestionForm(CleanTextMixin, forms.Form):
    multiline_fields = ("what",)

    sender_name = forms.CharField(label=_("Họ và tên người giới thiệu"),
                                  max_length=LIMITS["sender_name"],
                                  error_messages={"required": _("Hãy ghi họ và tên người giới thiệu.")})
    contact_email = forms.CharField(label=_("Thư điện tử (không bắt buộc, không công khai)"),
                                    required=False, max_length=LIMITS["contact_email"])
    contact_phone = forms.CharField(label=_("Điện thoại (không bắt buộc, không công khai)"),
                                    required=False, max_length=LIMITS["contact_phone"])
    whom = forms.CharField(label=_("Người (tập thể) được giới thiệu"), max_length=LIMITS["whom"],
                           error_messages={"required": _("Hãy ghi tên người (tập thể) được giới thiệu.")})
    what = forms.CharField(label=_("Việc tốt đã làm"), max_length=LIMITS["what"],
                           widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": _("Hãy kể việc tốt người đó đã làm.")})
    where = forms.CharField(label=_("Nơi (thôn, bản, tổ dân phố, xã, phường)"),
                            max_length=LIMITS["where"],
                            error_messages={"required": _("Hãy ghi nơi xảy ra (thôn, bản, tổ dân phố, xã, phường).")})
    photos = MultipleFileField(
        label=_("Ảnh (JPEG, PNG, WebP; tối đa %(n)d ảnh, mỗi ảnh 10 MB)") % {"n": MAX_PHOTOS},
        required=False)
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sender_name", "contact_email", "contact_phone", "whom", "where"):
            self.fields[name].error_messages["max_length"] = _(
                "Nội dung quá dài (tối đa %(limit_value)d ký tự).")
        self.fields["what"].error_messages["max_length"] = _(
            "Nội dung quá dài (tối đa %(limit_value)d ký tự).")


class FilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Trạng thái"), required=False,
                              choices=[("", _("Tất cả")), *SuggestionState.choices])
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int,
                                  empty_value=None)
    q = forms.CharField(label=_("Tìm (người, việc, nơi)"), required=False, max_length=100)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Tất cả"))] + [(u.pk, u.name) for u in units]


class RouteForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Chuyển đến đơn vị"), coerce=int,
                                  error_messages={"required": _("Hãy chọn đơn vị được chuyển."),
                                                  "invalid_choice": _("Hãy chọn đơn vị được chuyển.")})
    note = forms.CharField(label=_("Ghi chú cho đơn vị"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—")] + [(u.pk, u.name) for u in units]


class DeclineForm(CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)
    reason = forms.CharField(label=_("Lý do không tiếp nhận"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Hãy nêu lý do không tiếp nhận.")})
