from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, WellFormedMixin
from council.models import MemberRole, VoteChoice


def _date(label, *, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))


class MemberForm(WellFormedMixin, CleanTextMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position_title = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    role = forms.ChoiceField(label=_("Vai trò trong Hội đồng"), choices=MemberRole.choices)
    unit = forms.ModelChoiceField(label=_("Đơn vị công tác"), queryset=None, required=False)
    user = forms.ModelChoiceField(label=_("Tài khoản bỏ phiếu"), queryset=None, required=False)
    valid_from = _date(_("Từ ngày"))
    valid_to = _date(_("Đến ngày"), required=False)

    def __init__(self, *args, **kwargs):
        from orgs.models import Unit

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.current().order_by("sort_key")
        self.fields["user"].queryset = get_user_model().objects.filter(
            is_active=True).order_by("last_name", "first_name", "username")


class EndForm(WellFormedMixin, forms.Form):
    valid_to = _date(_("Ngày kết thúc"))


class MeetingForm(WellFormedMixin, CleanTextMixin, forms.Form):
    multiline_fields = ("notes",)
    title = forms.CharField(label=_("Tên phiên họp"), max_length=255)
    held_on = _date(_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair = forms.ModelChoiceField(label=_("Chủ trì"), queryset=None, required=False)
    secretary = forms.ModelChoiceField(label=_("Thư ký"), queryset=None, required=False)
    notes = forms.CharField(label=_("Ý kiến, kết luận"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        from council.models import CouncilMember

        super().__init__(*args, **kwargs)
        seats = CouncilMember.objects.order_by("full_name")
        self.fields["chair"].queryset = seats
        self.fields["secretary"].queryset = seats


class AgendaForm(forms.Form):
    items = forms.ModelMultipleChoiceField(label=_("Điển hình trình Hội đồng"), queryset=None,
                                           required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = queryset
        self.fields["items"].label_from_instance = lambda i: (
            f"{i.exemplar.name} — {i.proposal.unit.name} — {(i.title or i.form).name}")


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(label=_("Thành viên có mặt"), queryset=None,
                                             required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = queryset


class ConflictForm(CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)
    member = forms.ModelChoiceField(label=_("Thành viên"), queryset=None)
    reason = forms.CharField(label=_("Lý do xung đột lợi ích"),
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = queryset


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Lựa chọn của bạn"), choices=VoteChoice.choices,
                               widget=forms.RadioSelect)


class CloseMeetingForm(CleanTextMixin, forms.Form):
    multiline_fields = ("notes",)
    notes = forms.CharField(label=_("Ý kiến, kết luận"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
