"""The abbreviation list in Django admin, for the system administrator (every change recorded
in the audit log; the next search on every process uses it: ``search.wording.forget``)."""

from django.contrib import admin

from audit.admin import AuditedAdminMixin
from search.models import Abbreviation

MANAGE = "accounts.manage_users"  # the system administrator (a permission name, no import)


@admin.register(Abbreviation)
class AbbreviationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["short", "full", "active", "updated_at"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["short", "full"]
    fields = ["short", "full", "active"]

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(MANAGE)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm(MANAGE)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)
