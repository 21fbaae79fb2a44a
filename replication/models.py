"""Replication (nhân rộng): the practice of an exemplar or model adopted by another unit —
when it started, at what scale (``replication.scale``), its results over time — and when it
ended. One adoption per exemplar and adopting unit; the exemplar's own unit does not adopt it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import Unit
from uploads import private


class Adoption(models.Model):
    exemplar = models.ForeignKey("registry.Exemplar", on_delete=models.PROTECT,
                                 related_name="adoptions", verbose_name=_("điển hình, mô hình"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="adoptions",
                             verbose_name=_("đơn vị áp dụng"))
    started_on = models.DateField(_("ngày bắt đầu"), db_index=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    end_reason = models.TextField(_("lý do kết thúc"), blank=True)
    scale = models.JSONField(_("quy mô"), default=dict, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người ghi nhận"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nhân rộng")
        verbose_name_plural = _("nhân rộng")
        ordering = ["-started_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["exemplar", "unit"],
                                               name="replication_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.exemplar.name} — {self.unit.name}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class AdoptionResult(models.Model):
    """What the adoption achieved by a date: a text and figures (the same measures)."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="results")
    on = models.DateField(_("ngày"))
    text = models.TextField(_("kết quả"))
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả nhân rộng")
        verbose_name_plural = _("kết quả nhân rộng")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]


STORED_EXTENSIONS = {".jpg", ".pdf", ".docx", ".xlsx"}


def evidence_name(_instance, filename: str) -> str:
    """``replication/<32 hex>.<jpg|pdf|docx|xlsx>``: the stored name says nothing of the file."""
    import uuid

    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in STORED_EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return f"replication/{uuid.uuid4().hex}{extension}"


class ResultEvidence(models.Model):
    """A photo or document of a result, through the upload door (``progress.files.prepare``:
    photos re-encoded without metadata, documents through ``uploads.safety``), stored privately."""

    result = models.ForeignKey(AdoptionResult, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("loại tệp"), max_length=10)
    file = models.FileField(_("tệp"), storage=private.storage, upload_to=evidence_name,
                            max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("kích thước"))
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("minh chứng nhân rộng")
        verbose_name_plural = _("minh chứng nhân rộng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
