from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.models import Membership, Notification, User
from audit import log
from audit.admin import HIDDEN, AuditedAdminMixin
from audit.models import Action


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]
    fields = ["unit", "role", "is_active"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    """System administrators create accounts and give each a role in a unit.

    Every change of an account and of its memberships is in the change log (the "Lịch sử"
    page of the user shows both)."""

    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "position_title", "is_active",
                    "second_factor"]
    actions = ["reset_second_factor"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "position_title", "email", "phone")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "full_name", "email", "password1", "password2")}),
    )

    @admin.display(description=_("Xác thực hai lớp"), boolean=True)
    def second_factor(self, user) -> bool:
        return mfa.enrolled(user)

    @admin.action(description=_("Đặt lại xác thực hai lớp"))
    def reset_second_factor(self, request, queryset):
        """A lost phone: the chosen users' devices are removed (each in the change log); whoever
        must have a second factor enrols again at the next sign-in."""
        if not request.user.has_perm("accounts.reset_second_factor"):
            self.message_user(request, _("Chỉ quản trị hệ thống được đặt lại xác thực hai lớp."),
                              messages.ERROR)
            return
        users = list(queryset)
        for user in users:
            mfa.reset_devices(user=user, acting_user=request.user)
        self.message_user(request, _("Đã đặt lại xác thực hai lớp cho %(n)s tài khoản.")
                          % {"n": len(users)}, messages.SUCCESS)

    def user_change_password(self, request, id, form_url=""):
        """The password page saves outside ``save_model``: log that the password changed."""
        before = User.objects.filter(pk=id).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        user = User.objects.filter(pk=id).first()
        if user is not None and before is not None and user.password != before:
            log.record(actor=request.user, action=Action.UPDATE, obj=user,
                       before={"password": HIDDEN}, after={"password": _("đã đổi")})
        return response


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "message", "read_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "message", "url", "created_at", "read_at"]


# The devices are managed through the user list's action and the users' own "Bảo mật tài khoản"
# page: django-otp's device pages (keys, raw tokens, English labels) are not shown.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
