from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, ReasonForm, WellFormedMixin
from registry.enums import ExemplarKind, Gender
from registry.models import Exemplar
from registry.ranges import birth_year_range, check_birth_year

# The form's columns per kind (section 8 of the guidance); the rest are hidden for that kind.
FIELDS_BY_KIND = {
    ExemplarKind.COLLECTIVE: ["name", "address", "head_name", "field_key", "solutions", "notes"],
    ExemplarKind.INDIVIDUAL: ["name", "position_title", "work_unit", "address", "gender",
                              "birth_year", "ethnicity", "field_key", "solutions", "notes"],
    ExemplarKind.HOUSEHOLD: ["name", "address", "ethnicity", "field_key", "solutions", "notes"],
    ExemplarKind.PRACTICE: ["name", "address", "field_key", "solutions", "notes"],
}
NAME_LABELS = {
    ExemplarKind.COLLECTIVE: _("Đơn vị"),
    ExemplarKind.INDIVIDUAL: _("Họ và tên"),
    ExemplarKind.HOUSEHOLD: _("Chủ hộ"),
    ExemplarKind.PRACTICE: _("Tên mô hình"),
}
ADDRESS_LABELS = {
    ExemplarKind.COLLECTIVE: _("Địa chỉ"),
    ExemplarKind.INDIVIDUAL: _("Địa chỉ nơi cư trú"),
    ExemplarKind.HOUSEHOLD: _("Địa chỉ"),
    ExemplarKind.PRACTICE: _("Nơi thực hiện"),
}


class ExemplarForm(WellFormedMixin, CleanTextMixin, forms.ModelForm):
    multiline_fields = ("solutions", "notes")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Exemplar
        fields = ["name", "address", "head_name", "position_title", "work_unit", "gender",
                  "birth_year", "ethnicity", "field_key", "solutions", "notes"]
        widgets = {
            "solutions": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, kind: str, pack, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = FIELDS_BY_KIND[ExemplarKind(kind)]
        for name in list(self.fields):
            if name not in keep and name != "version":
                del self.fields[name]
        self.fields["name"].label = NAME_LABELS[ExemplarKind(kind)]
        self.fields["address"].label = ADDRESS_LABELS[ExemplarKind(kind)]
        choices = [("", _("— Chọn lĩnh vực —"))] + [
            (f.key, f"{f.key}) {f.label}") for f in pack.selectable_fields()
        ]
        self.fields["field_key"] = forms.ChoiceField(label=_("Điển hình thuộc lĩnh vực"),
                                                     choices=choices)
        if "gender" in self.fields:
            self.fields["gender"] = forms.ChoiceField(
                label=_("Giới tính"), required=False,
                choices=[("", "—"), *Gender.choices],
            )
        if "birth_year" in self.fields:
            low, high = birth_year_range()
            self.fields["birth_year"].widget.attrs.update({"min": low, "max": high})
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        check_birth_year(year)
        return year


class RegistrationDetailsForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("recipients",)
    signer_name = forms.CharField(label=_("Thủ trưởng ký"), max_length=150, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class LifecycleForm(ReasonForm):
    """A step of an exemplar's lifecycle: its reason and, for a revocation, its legal basis."""

    multiline_fields = ("reason", "legal_basis")
    legal_basis = forms.CharField(label="", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
