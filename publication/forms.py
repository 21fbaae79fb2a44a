from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from publication.models import ConsentMethod
from registry.enums import ExemplarKind


class PublicationForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("story",)
    story = forms.CharField(label=_("Câu chuyện điển hình (viết cho công chúng)"),
                            widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    consent_recorded = forms.BooleanField(label=_("Đã có sự đồng ý công khai"), required=False)
    consent_given_by = forms.CharField(label=_("Người đồng ý"), required=False, max_length=255)
    consent_on = forms.DateField(label=_("Ngày đồng ý"), required=False)
    consent_method = forms.ChoiceField(label=_("Hình thức đồng ý"), required=False,
                                       choices=[("", "—"), *ConsentMethod.choices])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GalleryFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    linh_vuc = forms.CharField(label=_("Lĩnh vực"), required=False, max_length=8)
    loai = forms.ChoiceField(label=_("Loại"), required=False,
                             choices=[("", _("Tất cả")), *ExemplarKind.choices])
    don_vi = forms.IntegerField(label=_("Địa bàn, đơn vị"), required=False, min_value=1,
                                max_value=2**31)
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2200)
