from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from progress.files import MAX_FILES
from progress.forms import MultipleFileField
from replication.scale import MEASURES


def _date(label, *, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))


class _ScaleMixin:
    """One optional number field per measure of ``replication.scale`` (named ``scale_<key>``)."""

    scale_prefix = "scale_"

    def add_measures(self):
        for m in MEASURES:
            self.fields[f"{self.scale_prefix}{m.key}"] = forms.CharField(
                label=f"{m.label} ({m.unit})", required=False, max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}))

    def scale_values(self) -> dict:
        return {m.key: self.cleaned_data.get(f"{self.scale_prefix}{m.key}") for m in MEASURES}


class AdoptionForm(_ScaleMixin, WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("notes",)
    unit = forms.ChoiceField(label=_("Đơn vị áp dụng"))
    started_on = _date(_("Ngày bắt đầu áp dụng"))
    notes = forms.CharField(label=_("Ghi chú"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("— Chọn đơn vị —"))] + [
            (str(u.pk), u.name) for u in units]
        self.add_measures()


class AdoptionEditForm(_ScaleMixin, WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("notes",)
    started_on = _date(_("Ngày bắt đầu áp dụng"))
    notes = forms.CharField(label=_("Ghi chú"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_measures()


class EndForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)
    ended_on = _date(_("Ngày kết thúc"))
    reason = forms.CharField(label=_("Lý do"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResultForm(_ScaleMixin, WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("text",)
    scale_prefix = "figure_"
    on = _date(_("Ngày"))
    text = forms.CharField(label=_("Kết quả đạt được"), widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(
        label=_("Minh chứng (ảnh JPEG, PNG, WebP; tài liệu PDF, .docx, .xlsx; tối đa %(n)d tệp, "
                "mỗi tệp 10 MB)") % {"n": MAX_FILES}, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_measures()


class SpreadFilterForm(CleanTextMixin, forms.Form):
    field_key = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    by = forms.ChoiceField(label=_("Theo"), required=False, choices=[
        ("month", _("Tháng")), ("year", _("Năm"))])

    def __init__(self, *args, fields=(), **kwargs):
        from registry.enums import ExemplarKind

        super().__init__(*args, **kwargs)
        self.fields["field_key"].choices = [("", _("— Tất cả —")), *fields]
        self.fields["kind"].choices = [("", _("— Tất cả —")), *ExemplarKind.choices]
