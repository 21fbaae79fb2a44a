from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Cán bộ thi đua - khen thưởng")
    UNIT_HEAD = "unit_head", _("Thủ trưởng cơ quan, đơn vị")
    STANDING_OFFICE = "standing_office", _("Cơ quan thường trực (Sở Nội vụ)")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua - Khen thưởng")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    NATIONAL_OFFICE = "national_office", _("Ban Thi đua - Khen thưởng Trung ương")


# Roles whose scope is the whole province their membership's unit lies in, rather than that
# unit's subtree (accounts.roles.province_paths).
PROVINCE_WIDE_ROLES = frozenset({Role.STANDING_OFFICE, Role.COUNCIL_MEMBER, Role.SYSTEM_ADMIN})
# Roles that read every province (the central committee); they write nothing provincial.
NATIONAL_ROLES = frozenset({Role.NATIONAL_OFFICE})
# Every role whose reading reaches beyond its own unit.
WIDE_ROLES = PROVINCE_WIDE_ROLES | NATIONAL_ROLES


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position_title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=24, choices=Role.choices)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên đơn vị")
        verbose_name_plural = _("thành viên đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class Notification(models.Model):
    """An in-app notice (the bell in the header)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message
