from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from registry.enums import ExemplarKind


def _date(label, *, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))


class SubjectFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Tên"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), required=False,
                             choices=[("", _("— Tất cả —")), *ExemplarKind.choices])
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=200)


class CatalogueEntryForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("legal_basis",)
    code = forms.SlugField(label=_("Mã"), max_length=40)
    name = forms.CharField(label=_("Tên"), max_length=255)
    level = forms.CharField(label=_("Cấp"), max_length=80, required=False)
    subject_kinds = forms.MultipleChoiceField(label=_("Đối tượng áp dụng"),
                                              choices=ExemplarKind.choices,
                                              widget=forms.CheckboxSelectMultiple)
    authority = forms.CharField(label=_("Cấp có thẩm quyền quyết định"), max_length=255,
                                required=False)
    legal_basis = forms.CharField(label=_("Căn cứ"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    sort_order = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=10000, initial=0)
    valid_from = _date(_("Hiệu lực từ"))
    valid_to = _date(_("Hiệu lực đến"), required=False)
    counts_as_recognition = forms.BooleanField(
        label=_("Là ghi nhận của cấp có thẩm quyền (tiêu chuẩn G5)"), required=False,
        initial=True)


class CloseEntryForm(WellFormedMixin, forms.Form):
    valid_to = _date(_("Hết hiệu lực từ sau ngày"))


class RecordForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("achievement",)
    award = forms.ChoiceField(label=_("Danh hiệu thi đua hoặc hình thức khen thưởng"))
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = _date(_("Ngày quyết định"))
    issuer = forms.CharField(label=_("Cơ quan, người quyết định"), max_length=255)
    field_key = forms.CharField(label=_("Lĩnh vực (mã trong hướng dẫn, nếu có)"), max_length=8,
                                required=False)
    achievement = forms.CharField(label=_("Thành tích"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, subject=None, **kwargs):
        from awards import selectors

        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        kind = subject.kind if subject else ""

        def fits(entry):
            return not entry.subject_kinds or not kind or kind in entry.subject_kinds

        self.fields["award"].choices = [
            ("", "—"),
            (_("Danh hiệu thi đua"), [(f"title:{e.pk}", e.name)
                                      for e in selectors.valid_titles(today) if fits(e)]),
            (_("Hình thức khen thưởng"), [(f"form:{e.pk}", e.name)
                                          for e in selectors.valid_forms(today) if fits(e)]),
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))
