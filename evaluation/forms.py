"""Forms of the evaluation page: one small form per kind of evidence (built from its
declaration in ``evaluation.evidence``), and the judgement form.

Scales (rating levels, disciplinary levels) and the criteria taking judgements come from the
campaign's guidance pack, never from code. Text is normalised by the services.
"""

import functools

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import WellFormedMixin
from evaluation import evidence
from evaluation.evidence import EvidenceType
from guidance.pack import Pack
from registry.ranges import check_number

DATE_FIELDS = ("date", "as_of")


@functools.cache
def _form_for(t: EvidenceType) -> type[forms.ModelForm]:
    class Meta:
        model = t.model
        fields = list(t.fields)
        widgets = {name: forms.DateInput(attrs={"type": "date"})
                   for name in DATE_FIELDS if name in t.fields}

    def __init__(self, *args, pack: Pack | None = None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)  # WellFormedMixin: "năm=abc" is a 400
        if t.choices is not None:  # a scale of the campaign's pack: the pack is needed
            levels = getattr(pack, t.choices.scale)
            self.fields[t.choices.field] = forms.ChoiceField(
                label=t.choices.label, choices=[(lv.key, lv.label) for lv in levels])

    def clean(self):
        cleaned = forms.ModelForm.clean(self)
        for field_name, value in list(cleaned.items()):
            if isinstance(value, int | float) and not isinstance(value, bool):
                try:
                    check_number(field_name, value)
                except forms.ValidationError as error:
                    self.add_error(field_name, error)
        return cleaned

    name = f"{t.model.__name__}Form"
    return type(name, (WellFormedMixin, forms.ModelForm),
                {"Meta": Meta, "__init__": __init__, "clean": clean})


def evidence_form(kind: str) -> type[forms.ModelForm] | None:
    """The page's form for one kind of evidence (``None`` for an unknown kind), built from its
    declaration: its fields, the pack scale offering a field's choices, date inputs."""
    t = evidence.of_kind(kind)
    return _form_for(t) if t is not None else None


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


class RatingImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel xếp loại (.xlsx; cột Họ và tên, Năm, Xếp loại)"))


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


class PublishedListForm(WellFormedMixin, forms.Form):
    """The standing office's upload of a published list: its kind, its year, the day the
    units are read as they stood (default: the end of that year) and the file."""

    kind = forms.ChoiceField(label=_("Loại danh sách"), choices=())
    year = forms.IntegerField(label=_("Năm của danh sách"), min_value=1975, max_value=2100)
    as_of = forms.DateField(
        label=_("Đơn vị theo tổ chức ngày (để trống: ngày 31/12 của năm đó)"), required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}))
    file = forms.FileField(label=_("Tệp danh sách (Excel .xlsx hoặc Word .docx có bảng)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from evaluation.lists import kind_choices

        self.fields["kind"].choices = kind_choices()

    def clean_year(self):
        year = self.cleaned_data["year"]
        try:
            check_number("year", year)
        except forms.ValidationError:
            raise
        return year
