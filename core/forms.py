from django import forms
from django.utils.translation import gettext as _

from core.errors import MalformedInput
from core.text import clean, clean_multiline

# Fields whose inputs (number, date, hidden) cannot send a non-number or a non-date: such a
# value is a malformed request, not a typing mistake.
_STRICT_FIELDS = (forms.IntegerField, forms.FloatField, forms.DecimalField, forms.DateField)
_FIELD_NAMES = {"version": "phiên bản", "position": "số thứ tự", "row_id": "mã dòng",
                "page": "trang"}


def _malformed(name: str, label, value) -> MalformedInput:
    shown = str(label or "") or _FIELD_NAMES.get(name, name)
    return MalformedInput(_("Giá trị “%(value)s” của trường “%(field)s” không hợp lệ; yêu cầu "
                            "không được thực hiện.") % {"value": str(value)[:50], "field": shown})


def number(data, name: str, *, default: int | None = None) -> int | None:
    """The integer ``data[name]`` (``default`` when absent or empty); ``MalformedInput`` when it
    is not a whole number."""
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise _malformed(name, None, raw) from None


class WellFormedMixin:
    """``is_valid`` raises ``MalformedInput`` (→ 400, nothing saved) when a number or date field
    got a value that is not one; every other error stays a form error for the user."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid:
            for name, errors in self.errors.as_data().items():
                field = self.fields.get(name)
                if isinstance(field, _STRICT_FIELDS) and any(e.code == "invalid" for e in errors):
                    raise _malformed(name, field.label, self.data.get(self.add_prefix(name)))
        return valid


class CleanTextMixin:
    """Every text input normalised to NFC, invisible characters removed and trimmed."""

    multiline_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = clean_multiline(value) if name in self.multiline_fields else clean(value)
        return data


class ReasonForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)
    reason = forms.CharField(label="", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
