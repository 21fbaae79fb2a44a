from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.throttle import cooldown_remaining
from core.text import clean


class LoginForm(AuthenticationForm):
    def clean_username(self) -> str:
        return clean(self.cleaned_data.get("username"))

    def clean(self):
        wait = cooldown_remaining(self.cleaned_data.get("username") or "")
        if wait:
            raise ValidationError(
                _("Tài khoản này vừa bị nhập sai mật khẩu nhiều lần. Hãy chờ %(seconds)s giây rồi "
                  "đăng nhập lại.") % {"seconds": wait},
                code="throttled",
            )
        return super().clean()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
