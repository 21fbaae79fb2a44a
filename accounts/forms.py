from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.text import clean


class LoginForm(AuthenticationForm):
    def clean_username(self) -> str:
        return clean(self.cleaned_data.get("username"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
