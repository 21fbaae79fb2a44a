"""Forms of the evaluation page: one small form per kind of evidence, and the judgement form.

Scales (rating levels, disciplinary levels) and the criteria taking judgements come from the
campaign's guidance pack, never from code. Text is normalised by the services.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation import models as m
from guidance.pack import Pack


class RatingForm(forms.ModelForm):
    class Meta:
        model = m.AnnualRating
        fields = ["year", "level", "decision"]

    def __init__(self, *args, pack: Pack, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"] = forms.ChoiceField(
            label=_("Xếp loại"), choices=[(lv.key, lv.label) for lv in pack.ratings])


class DisciplineForm(forms.ModelForm):
    class Meta:
        model = m.Discipline
        fields = ["year", "level"]

    def __init__(self, *args, pack: Pack, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"] = forms.ChoiceField(
            label=_("Hình thức kỷ luật"), choices=[(lv.key, lv.label) for lv in pack.disciplines])


def _plain_form(model: type, names: list[str]) -> type[forms.ModelForm]:
    """A ModelForm for ``model`` that accepts (and ignores) the ``pack`` keyword."""

    class Meta:
        pass

    Meta.model = model  # type: ignore[attr-defined]  # built dynamically on purpose
    Meta.fields = names  # type: ignore[attr-defined]
    Meta.widgets = {"date": forms.DateInput(attrs={"type": "date"}),  # type: ignore[attr-defined]
                    "as_of": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, pack: Pack | None = None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)

    return type(f"{model.__name__}Form", (forms.ModelForm,), {"Meta": Meta, "__init__": __init__})


K = m.EvidenceKind
EVIDENCE_FORMS: dict[str, type[forms.ModelForm]] = {
    K.RATINGS: RatingForm,
    K.RECOGNITIONS: _plain_form(m.Recognition, ["number", "date", "authority", "content"]),
    K.CULTURAL_FAMILY: _plain_form(m.CulturalFamilyYear, ["year"]),
    K.VIOLATIONS: _plain_form(m.Violation, ["year", "member_name", "kind"]),
    K.CCHC: _plain_form(m.AdminReformResult,
                        ["year", "par_index", "satisfaction", "overdue_dossiers"]),
    K.DISCIPLINES: DisciplineForm,
    K.CCHC_INITIATIVE: _plain_form(m.CchcInitiative, ["recognised", "note"]),
    K.BUSINESS: _plain_form(m.BusinessResult, ["year", "metric", "actual", "plan"]),
    K.TAX_ARREARS: _plain_form(m.TaxArrears, ["amount", "as_of"]),
    K.PRODUCTION: _plain_form(m.HouseholdProduction,
                              ["stable_since", "households_helped", "jobs_created"]),
    K.CHARITY: _plain_form(m.CharityCommendation, ["number", "date", "authority"]),
}


class JudgementForm(forms.Form):
    criterion_code = forms.ChoiceField(label=_("Tiêu chuẩn"))
    passed = forms.TypedChoiceField(
        label=_("Kết luận"), coerce=lambda v: v == "1",
        choices=[("1", _("Đạt")), ("0", _("Không đạt"))])
    note = forms.CharField(label=_("Ghi chú"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, codes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion_code"].choices = codes


class RatedForm(forms.Form):
    rated = forms.TypedChoiceField(
        label=_("Thuộc diện đánh giá, xếp loại hằng năm"),
        coerce=lambda v: {"1": True, "0": False}.get(v), empty_value=None, required=False,
        choices=[("", _("Chưa xác định")), ("1", _("Có")), ("0", _("Không"))])


class ProofForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (PDF, PNG, JPEG; tối đa 10 MB)"))


class CampaignFilterForm(forms.Form):
    OUTCOMES = [
        ("", _("Tất cả")),
        ("eligible", _("Đủ tiêu chuẩn")),
        ("not_eligible", _("Không đủ tiêu chuẩn")),
        ("missing_evidence", _("Thiếu minh chứng")),
        ("awaiting_judgement", _("Chờ thẩm định")),
    ]
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=OUTCOMES, required=False)
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int, empty_value=None, required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False)

    def __init__(self, *args, pack: Pack, units: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        all_ = [("", _("Tất cả"))]
        self.fields["unit"].choices = all_ + units
        self.fields["field"].choices = all_ + [(f.key, f"{f.key}) {f.label}")
                                               for f in pack.selectable_fields()]
        self.fields["kind"].choices = all_ + [(k.key, k.label) for k in pack.subject_kinds]
