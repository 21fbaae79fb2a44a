from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from api.services import revoke_token
from audit.admin import AuditHistoryMixin
from core.errors import DomainError


@admin.register(ApiToken)
class ApiTokenAdmin(AuditHistoryMixin, admin.ModelAdmin):
    """Every account's tokens, read-only; the one change is revoking (through the service,
    audited). Tokens are created by their owner (page "Khóa API") or the server's operator."""

    list_display = ["name", "user", "prefix", "scopes", "origin", "created_at", "expires_at",
                    "last_used_at", "revoked_at"]
    list_filter = ["origin", "scopes"]
    search_fields = ["name", "prefix", "user__username", "user__full_name"]
    readonly_fields = [f.name for f in ApiToken._meta.fields if f.name != "digest"]
    exclude = ["digest"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Thu hồi các khóa đã chọn"), permissions=["view"])
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_token(token=token, acting_user=request.user)
                done += 1
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
        self.message_user(request, _("Đã thu hồi %(n)s khóa.") % {"n": done}, messages.SUCCESS)
