from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from core.forms import CleanTextMixin, WellFormedMixin

LIFETIMES = [(7, _("7 ngày")), (30, _("30 ngày")), (90, _("90 ngày")), (365, _("365 ngày"))]


class TokenForm(WellFormedMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Tên gợi nhớ"), max_length=100,
                           help_text=_("Hệ thống sẽ dùng khóa, ví dụ: “Cổng thông tin điện tử tỉnh”."))
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=Scope.choices, initial=Scope.READ)
    days = forms.TypedChoiceField(label=_("Thời hạn"), choices=LIFETIMES, coerce=int, initial=30)
