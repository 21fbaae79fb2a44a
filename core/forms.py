from django import forms

from core.text import clean, clean_multiline


class CleanTextMixin:
    """Every text input normalised to NFC, invisible characters removed and trimmed."""

    multiline_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = clean_multiline(value) if name in self.multiline_fields else clean(value)
        return data


class ReasonForm(CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)
    reason = forms.CharField(label="", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
