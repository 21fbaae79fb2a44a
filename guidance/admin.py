"""Admin pages: packs are read-only (they come from files via ``load_guidance``); campaigns are
edited here by the standing office, through ``guidance.services`` so every edit is audited."""

import json

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditHistoryMixin
from core.errors import DomainError, NotAllowed
from guidance import services
from guidance.models import Campaign, GuidancePack

VIEW, MANAGE = "guidance.view_guidance", "guidance.manage_guidance"


@admin.register(GuidancePack)
class GuidancePackAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = ("code", "version", "title", "issued_on", "valid_from", "valid_to", "loaded_at")
    list_filter = ("code",)
    search_fields = ("code", "title")
    fields = ("code", "version", "title", "issued_on", "valid_from", "valid_to", "checksum",
              "loaded_at", "content_display")
    readonly_fields = fields

    @admin.display(description=_("nội dung (JSON)"))
    def content_display(self, obj: GuidancePack) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.content, ensure_ascii=False, indent=2))

    # A pack changes only by loading a file (a reviewed, versioned text), never by hand here.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(VIEW)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(VIEW)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["code", "name", "pack", "status", "period_start_year", "period_end_year",
                  "proposal_year", "registration_deadline", "interim_review_on", "final_review_on"]

    def clean(self) -> dict:
        cleaned = super().clean()
        for field, message in services.campaign_errors(cleaned).items():
            self.add_error(field, message)
        return cleaned


@admin.register(Campaign)
class CampaignAdmin(AuditHistoryMixin, admin.ModelAdmin):
    form = CampaignForm
    list_display = ("code", "name", "pack", "proposal_year", "registration_deadline",
                    "interim_review_on", "final_review_on", "status")
    list_filter = ("status",)
    list_select_related = ("pack",)
    search_fields = ("code", "name")
    fieldsets = (
        (None, {"fields": ("code", "name", "pack", "status")}),
        (_("Giai đoạn"), {"fields": ("period_start_year", "period_end_year", "proposal_year")}),
        (_("Các mốc thời gian"), {
            "description": _("Hướng dẫn không quy định thời hạn; cơ quan thường trực tự đặt."),
            "fields": ("registration_deadline", "interim_review_on", "final_review_on"),
        }),
    )

    def get_readonly_fields(self, request, obj=None) -> tuple[str, ...]:
        # The code identifies the campaign for reference data and links; it is fixed once made.
        # The pack version is kept for life: moving it is the system administrator's explicit
        # act with a preview of what changes (the campaign's "Chuyển phiên bản" page).
        return ("code", "pack") if obj is not None else ()

    def save_model(self, request, obj: Campaign, form, change: bool) -> None:
        changed = form.changed_data if change else services.CAMPAIGN_AUDITED
        try:
            services.save_campaign(campaign=obj, changed=changed, acting_user=request.user)
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            raise ValidationError(error.message) from error

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm(MANAGE)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # registrations hang off a campaign; close it instead (status)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(VIEW)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(VIEW)
