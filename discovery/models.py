"""Phát hiện: a suggestion "Giới thiệu người tốt, việc tốt" sent through the public form by
the press or a citizen, screened by the standing office — accepted and routed to the unit
concerned (which may register the person), or declined with a reason.

The sender's contact (email, phone) is private: only the standing office sees it. The client
address is kept only as a salted hash, for the throttle and abuse review."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from uploads import private


class SuggestionState(models.TextChoices):
    SUBMITTED = "submitted", _("Mới gửi, chờ xem xét")
    ACCEPTED_ROUTED = "accepted_routed", _("Đã tiếp nhận, chuyển đơn vị")
    DECLINED = "declined", _("Không tiếp nhận")


def photo_name(_instance, _filename: str) -> str:
    """``discovery/<32 hex>.jpg``: every stored photo is a re-encoded JPEG."""
    return f"discovery/{uuid.uuid4().hex}.jpg"


class Suggestion(models.Model):
    sender_name = models.CharField(_("người giới thiệu"), max_length=150)
    contact_email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    whom = models.CharField(_("người (tập thể) được giới thiệu"), max_length=200)
    what = models.TextField(_("việc tốt đã làm"))
    where = models.CharField(_("nơi"), max_length=300)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("đơn vị nơi xảy ra"))
    state = models.CharField(_("trạng thái"), max_length=20, choices=SuggestionState.choices,
                             default=SuggestionState.SUBMITTED, db_index=True)
    routed_unit = models.ForeignKey("orgs.Unit", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="routed_suggestions",
                                    verbose_name=_("đơn vị được chuyển"))
    decline_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người xem xét"))
    screened_at = models.DateTimeField(_("ngày xem xét"), null=True, blank=True)
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giới thiệu người tốt, việc tốt")
        verbose_name_plural = _("giới thiệu người tốt, việc tốt")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.whom} — {self.created_at:%d/%m/%Y}" if self.created_at else self.whom


class SuggestionPhoto(models.Model):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("ảnh"), storage=private.storage, upload_to=photo_name,
                            max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("kích thước"))

    class Meta:
        verbose_name = _("ảnh kèm theo")
        verbose_name_plural = _("ảnh kèm theo")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
