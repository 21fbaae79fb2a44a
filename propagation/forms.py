from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from progress.files import MAX_FILES
from progress.forms import MultipleFileField
from propagation.models import Channel, ChannelKind, IntroductionStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label, *, required=True):
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS,
                           widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
                           error_messages={"invalid": _("Hãy nhập ngày theo dạng dd/mm/yyyy."),
                                           "required": _("Hãy nhập ngày (dd/mm/yyyy).")})


class IntroductionForm(CleanTextMixin, forms.Form):
    multiline_fields = ("content", "note")
    channel = forms.ModelChoiceField(label=_("Kênh"), queryset=Channel.objects.none(),
                                     empty_label=_("— Chọn kênh —"),
                                     error_messages={"required": _("Hãy chọn kênh."),
                                                     "invalid_choice": _("Hãy chọn kênh.")})
    sent_on = _date(_("Ngày gửi (dd/mm/yyyy)"))
    content = forms.CharField(label=_("Nội dung đã gửi"), max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": _("Hãy ghi nội dung đã gửi.")})
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(
        label=_("Tệp đính kèm (ảnh JPEG, PNG, WebP; tài liệu PDF, .docx, .xlsx; tối đa %(n)d tệp, "
                "mỗi tệp 10 MB)") % {"n": MAX_FILES}, required=False)

    def __init__(self, *args, channels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels if channels is not None else Channel.objects.all()


class StatusForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("note",)
    status = forms.ChoiceField(label=_("Trạng thái mới"), choices=IntroductionStatus.choices)
    published_url = forms.CharField(label=_("Đường dẫn bài đăng"), required=False, max_length=500)
    broadcast_on = forms.DateField(label=_("Ngày đăng, phát (dd/mm/yyyy)"), required=False,
                                   input_formats=DATE_FORMATS,
                                   widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ChannelForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Tên kênh"), max_length=255,
                           error_messages={"required": _("Hãy nhập tên kênh.")})
    kind = forms.ChoiceField(label=_("Loại"), choices=ChannelKind.choices)
    code = forms.CharField(label=_("Mã (không bắt buộc)"), required=False, max_length=40)
    address = forms.CharField(label=_("Địa chỉ liên hệ"), required=False, max_length=255)
    valid_from = _date(_("Hiệu lực từ (dd/mm/yyyy; để trống: hôm nay)"), required=False)
    valid_to = _date(_("Hiệu lực đến (dd/mm/yyyy; không bắt buộc)"), required=False)


class FilterForm(CleanTextMixin, forms.Form):
    channel = forms.ModelChoiceField(label=_("Kênh"), required=False,
                                     queryset=Channel.objects.all(), empty_label=_("— Tất cả —"))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), required=False, queryset=None,
                                  empty_label=_("— Tất cả —"))
    field = forms.CharField(label=_("Lĩnh vực (ký hiệu)"), required=False, max_length=8)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("— Tất cả —")), *IntroductionStatus.choices]
        self.fields["unit"].queryset = units


class MediaKitForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("body", "signer_title")
    channel = forms.ModelChoiceField(label=_("Kính gửi"), queryset=Channel.objects.all(),
                                     empty_label=_("— Chọn kênh —"),
                                     error_messages={"required": _("Hãy chọn nơi nhận."),
                                                     "invalid_choice": _("Hãy chọn nơi nhận.")})
    exemplars = forms.ModelMultipleChoiceField(
        label=_("Điển hình được giới thiệu"), queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một điển hình."),
                        "invalid_choice": _("Có điển hình không hợp lệ trong lựa chọn."),
                        "invalid_pk_value": _("Có điển hình không hợp lệ trong lựa chọn.")})
    number = forms.IntegerField(label=_("Số công văn (để trống nếu chưa lấy số)"), required=False,
                                min_value=1, max_value=99999)
    dated = _date(_("Ngày công văn (dd/mm/yyyy)"), required=False)
    subject = forms.CharField(label=_("Trích yếu (V/v …)"), required=False, max_length=300)
    body = forms.CharField(label=_("Nội dung mở đầu (để trống: lời văn mặc định)"),
                           required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=150,
                                   initial="GIÁM ĐỐC")
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=150)

    def __init__(self, *args, exemplars=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exemplars"].queryset = exemplars
