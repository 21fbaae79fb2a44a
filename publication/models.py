"""A publication: a recognised exemplar shown on the public site (``/cong-khai/``).

What the public sees is a snapshot of the allow-listed fields (``publication.public``) taken
when the publication is prepared or edited — the approver approves exactly what will be shown,
and the public pages never read the exemplar (its address, evidence, ratings) at all.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from orgs.models import Unit
from registry.models import Exemplar


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ duyệt công khai")
    PUBLISHED = "published", _("Đang công khai")
    UNPUBLISHED = "unpublished", _("Đã gỡ")


EDITABLE_STATES = frozenset({PublicationState.DRAFT})
ACTIVE_STATES = (PublicationState.DRAFT, PublicationState.AWAITING_APPROVAL,
                 PublicationState.PUBLISHED)


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Bằng văn bản có chữ ký")
    IN_PERSON = "in_person", _("Trực tiếp, có người làm chứng")
    PHONE = "phone", _("Qua điện thoại, có ghi chép")


class Publication(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.PROTECT, related_name="publications",
                                 verbose_name=_("điển hình"))
    state = models.CharField(_("trạng thái"), max_length=20, choices=PublicationState.choices,
                             default=PublicationState.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    story = models.TextField(_("câu chuyện điển hình (viết cho công chúng)"))
    # --- the public snapshot (publication.public.PUBLIC_FIELDS) ------------------------------
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12)
    field_key = models.CharField(_("lĩnh vực"), max_length=8, blank=True)
    field_label = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    locality_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("địa bàn, đơn vị"))
    locality = models.CharField(_("địa bàn, đơn vị"), max_length=255)
    work_unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    award_name = models.CharField(_("danh hiệu, hình thức"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_issuer = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True, db_index=True)
    folded_text = models.TextField(editable=False, blank=True)
    # --- consent (individuals and households) -------------------------------------------------
    consent_recorded = models.BooleanField(_("đã có sự đồng ý công khai"), default=False)
    consent_given_by = models.CharField(_("người đồng ý"), max_length=255, blank=True)
    consent_on = models.DateField(_("ngày đồng ý"), null=True, blank=True)
    consent_method = models.CharField(_("hình thức đồng ý"), max_length=12,
                                      choices=ConsentMethod.choices, blank=True)
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    # --- four eyes ----------------------------------------------------------------------------
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("người chuẩn bị"))
    submitted_at = models.DateTimeField(_("ngày trình"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("người duyệt"))
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True, db_index=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    unpublished_at = models.DateTimeField(_("ngày gỡ"), null=True, blank=True)
    unpublished_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    unpublish_reason = models.TextField(_("lý do gỡ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bài công khai")
        verbose_name_plural = _("bài công khai")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar"], condition=Q(state__in=ACTIVE_STATES),
                                    name="publication_one_active_per_exemplar"),
            models.CheckConstraint(condition=Q(approved_by__isnull=True)
                                   | ~Q(approved_by=F("prepared_by")),
                                   name="publication_four_eyes"),
        ]

    def __str__(self) -> str:
        return self.name
