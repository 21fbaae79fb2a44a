"""The admin and the change log: changes made in Django's admin go through ``audit.log.record``.

- ``AuditHistoryMixin``: the admin's "Lịch sử" page of a record shows its audit history
  (``audit.selectors.history_of``) instead of Django's own admin log. For admins whose saves go
  through a service that already writes the log (units, blocks, campaigns).
- ``AuditedAdminMixin``: for admins that save models directly (users and their memberships):
  every add, change and delete of the record, of its inline rows (owned by the record) and of
  its many-to-many fields is recorded with before/after. Passwords are never written to the
  log; a changed password is recorded as changed.
- ``AuditEventAdmin``: the whole log, read-only, for the system administrator.

Imports only Django and ``audit``: any app's admin may use it.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import log
from audit.models import Action, AuditEvent
from audit.selectors import history_of

SECRET = "password"
READ_LOG = "accounts.manage_users"  # the system administrator (a permission name, no import)
HIDDEN = "••••••"


class AuditHistoryMixin:
    """The "Lịch sử" button of the change form shows the record's audit history."""

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử thay đổi: %(object)s") % {"object": obj},
            "subtitle": None, "object": obj, "opts": self.opts,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "events": history_of(obj, limit=200),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "audit/admin_history.html", context)


def _audited_fields(model: type[models.Model], exclude: tuple[str, ...]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in exclude
            and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)]


def _state(obj: models.Model, exclude: tuple[str, ...]) -> dict[str, Any]:
    return log.snapshot(obj, _audited_fields(type(obj), (SECRET, *exclude)))


def _stored(obj: models.Model, exclude: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    """The row as the database holds it before this save, and its password hash (if any)."""
    current = type(obj)._default_manager.filter(pk=obj.pk).first()
    if current is None:
        return {}, ""
    return _state(current, exclude), getattr(current, SECRET, "")


class AuditedAdminMixin(AuditHistoryMixin):
    """Record every admin change through ``audit.log.record`` (before/after, the admin user)."""

    audit_exclude: tuple[str, ...] = (SECRET, "last_login")

    def _record(self, request, action: Action, obj, before=None, after=None, owner=None):
        log.record(actor=request.user, action=action, obj=obj, before=before, after=after,
                   owner=owner, unit=getattr(obj, "unit", None)
                   if isinstance(getattr(obj, "unit", None), models.Model) else None)

    def save_model(self, request, obj, form, change):
        before, secret = _stored(obj, self.audit_exclude) if change else ({}, "")
        super().save_model(request, obj, form, change)
        after = _state(obj, self.audit_exclude)
        if secret and getattr(obj, SECRET, "") != secret:
            before, after = before | {SECRET: HIDDEN}, after | {SECRET: _("đã đổi")}
        if not change:
            self._record(request, Action.CREATE, obj, after=after)
        elif before != after:
            self._record(request, Action.UPDATE, obj, before=before, after=after)

    def delete_model(self, request, obj):
        self._record(request, Action.DELETE, obj, before=_state(obj, self.audit_exclude))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record(request, Action.DELETE, obj, before=_state(obj, self.audit_exclude))
        super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        names = [f.name for f in obj._meta.many_to_many if f.name in form.cleaned_data]
        before = {n: sorted(str(x) for x in getattr(obj, n).all()) for n in names}
        super().save_related(request, form, formsets, change)
        after = {n: sorted(str(x) for x in getattr(obj, n).all()) for n in names}
        if before != after:
            self._record(request, Action.UPDATE, obj, before=before, after=after)

    def save_formset(self, request, form, formset, change):
        """Inline rows (a user's memberships): each add, change and delete, owned by the
        record of the page."""
        stored = {f.instance.pk: _stored(f.instance, self.audit_exclude)[0]
                  for f in formset.initial_forms if f.instance.pk}
        result = super().save_formset(request, form, formset, change)
        owner = form.instance
        for row in formset.new_objects:
            self._record(request, Action.CREATE, row, owner=owner,
                         after=_state(row, self.audit_exclude))
        for row, _fields in formset.changed_objects:
            after = _state(row, self.audit_exclude)
            if stored.get(row.pk) != after:
                self._record(request, Action.UPDATE, row, owner=owner,
                             before=stored.get(row.pk), after=after)
        for row in formset.deleted_objects:
            self._record(request, Action.DELETE, row, owner=owner,
                         before=stored.get(row.pk) or _state(row, self.audit_exclude))
        return result


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The change log, read-only: every event, filtered by kind of record and action."""

    list_display = ["at", "actor", "action_label", "object_label", "verb", "reason"]
    list_filter = ["action", "content_type"]
    list_select_related = ["actor", "content_type"]
    search_fields = ["object_repr", "verb", "reason", "actor__username"]
    date_hierarchy = "at"
    fields = ["at", "actor", "action", "verb", "content_type", "object_id", "object_repr",
              "changes", "reason", "unit", "owner_type", "owner_id"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("hành động"), ordering="action")
    def action_label(self, event: AuditEvent) -> str:
        return event.get_action_display()

    @admin.display(description=gettext_lazy("đối tượng"))
    def object_label(self, event: AuditEvent) -> str:
        model = event.content_type.model_class()
        kind = capfirst(model._meta.verbose_name) if model is not None else ""
        return f"{kind}: {event.object_repr}"

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(READ_LOG)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(READ_LOG)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # append-only
