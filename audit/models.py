from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Tạo")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")
    TRANSITION = "transition", _("Chuyển trạng thái")
    IMPORT = "import", _("Nhập từ tệp")
    LOAD = "load", _("Nạp dữ liệu")


class AuditEvent(models.Model):
    """Append-only record of a change to a domain object, written by ``audit.log`` only.

    ``content_type``/``object_id`` name the row that changed; ``owner_type``/``owner_id`` the
    record whose history shows the change (the row itself, or what it belongs to: an evidence
    row or a judgement belongs to its exemplar, a membership to its user, a successor link to
    its predecessor unit).
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("hành động"), max_length=16, choices=Action.choices)
    verb = models.CharField(_("nội dung"), max_length=64, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    owner_type = models.ForeignKey(ContentType, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    owner_id = models.CharField(max_length=64, blank=True)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"]),
                   models.Index(fields=["owner_type", "owner_id", "-at"],
                                name="audit_event_owner_at")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.object_repr}"
