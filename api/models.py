"""Personal API tokens: a name, scopes, an expiry; only a digest of the secret is stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Chỉ đọc")
    WRITE = "write", _("Đọc và ghi")


class Origin(models.TextChoices):
    WEB = "web", _("Trang “Khóa API”")
    COMMAND = "command", _("Lệnh create_api_token trên máy chủ")


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("chủ khóa"))
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    # The public half of the token (shown in lists); the secret half is never stored.
    prefix = models.CharField(_("mã nhận diện"), max_length=16, unique=True)
    digest = models.CharField(max_length=64, editable=False)
    scopes = models.CharField(_("phạm vi"), max_length=64)  # "read" or "read,write"
    origin = models.CharField(_("tạo từ"), max_length=10, choices=Origin.choices, default=Origin.WEB)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(s for s in self.scopes.split(",") if s)

    def allows(self, scope: str) -> bool:
        return scope in self.scope_set

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def scope_label(self) -> str:
        return Scope.WRITE.label if self.allows(Scope.WRITE) else Scope.READ.label
