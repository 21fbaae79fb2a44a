"""Admin pages where the standing office keeps the list of units and emulation blocks.

Every save goes through ``orgs.services`` (validation, derived fields, audit log); the "Lịch sử"
page shows the record's audit history. Units and
blocks are never deleted here: a unit that ceased to exist gets a ``valid_to`` date and,
usually, a successor.
"""

import datetime

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditHistoryMixin
from core.text import fold
from orgs import services
from orgs.models import EmulationBlock, Unit, UnitSuccession

MANAGE = "orgs.manage_units"


class ManagedByStandingOffice:
    """Admin permissions follow the ``orgs.manage_units`` rule, not Django's model permissions."""

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(MANAGE)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ValidityFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("current", _("Đang hiệu lực")), ("former", _("Đã hết hiệu lực")),
                ("future", _("Chưa có hiệu lực"))]

    def queryset(self, request, queryset):
        today = datetime.date.today()
        if self.value() == "current":
            return queryset.valid_on(today)
        if self.value() == "former":
            return queryset.filter(valid_to__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset


class SuccessionInline(ManagedByStandingOffice, admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    autocomplete_fields = ["successor"]
    fields = ["successor", "kind", "effective_on", "legal_basis"]
    extra = 0
    verbose_name = _("đơn vị kế thừa")
    verbose_name_plural = _("đơn vị kế thừa (sau khi sắp xếp)")

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(MANAGE)


class PredecessionInline(SuccessionInline):
    fk_name = "successor"
    autocomplete_fields = ["predecessor"]
    fields = ["predecessor", "kind", "effective_on", "legal_basis"]
    verbose_name = _("đơn vị tiền thân")
    verbose_name_plural = _("đơn vị tiền thân (trước khi sắp xếp)")


class UnitAdminForm(forms.ModelForm):
    change_reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=500)

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "unit_type", "category", "parent",
                  "emulation_block", "valid_from", "valid_to", "address", "email", "notes"]


@admin.register(Unit)
class UnitAdmin(AuditHistoryMixin, ManagedByStandingOffice, admin.ModelAdmin):
    form = UnitAdminForm
    list_display = ["name", "code", "short_name", "unit_type", "category", "valid_from",
                    "valid_to", "emulation_block"]
    list_filter = ["unit_type", ValidityFilter, "emulation_block"]
    list_select_related = ["emulation_block"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]
    ordering = ["unit_type", "sort_key"]
    inlines = [SuccessionInline, PredecessionInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "unit_type", "category", "parent",
                           "emulation_block"]}),
        (_("Hiệu lực"), {"fields": ["valid_from", "valid_to"]}),
        (_("Liên hệ, ghi chú"), {"fields": ["address", "email", "notes", "change_reason"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Also match without tone marks: "quyet tien" finds "Phường Quyết Tiến"."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            results = results | queryset.filter(Q(folded_name__contains=folded))
        return results, may_have_duplicates

    def save_model(self, request, obj, form, change):
        services.save_unit(unit=obj, acting_user=request.user,
                           reason=form.cleaned_data.get("change_reason", ""))

    def save_formset(self, request, form, formset, change):
        if formset.model is not UnitSuccession:
            return super().save_formset(request, form, formset, change)
        links = formset.save(commit=False)
        for link in formset.deleted_objects:
            services.unlink_successor(succession=link, acting_user=request.user)
        for link, changed in formset.changed_objects:
            if {"predecessor", "successor"} & set(changed):
                # A different pair is a different link: retire the old one first.
                old = UnitSuccession.objects.get(pk=link.pk)
                services.unlink_successor(succession=old, acting_user=request.user)
        for link in links:
            services.link_successor(
                predecessor=link.predecessor, successor=link.successor, kind=link.kind,
                effective_on=link.effective_on, legal_basis=link.legal_basis,
                acting_user=request.user,
            )
        return None


@admin.register(EmulationBlock)
class EmulationBlockAdmin(AuditHistoryMixin, ManagedByStandingOffice, admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]
    search_fields = ["code", "name"]
    ordering = ["sort_key"]

    def save_model(self, request, obj, form, change):
        services.save_emulation_block(block=obj, acting_user=request.user)
