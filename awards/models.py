"""Award history (hồ sơ thành tích) and its two catalogues, kept apart (shared/spec/commendation.md):

* :class:`EmulationTitle` — danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ thi đua cơ sở …,
  Tập thể lao động xuất sắc, Cờ thi đua …);
* :class:`CommendationForm` — hình thức khen thưởng (Giấy khen, Bằng khen, Huân chương …, and for
  this guidance "công nhận điển hình tiên tiến", "biểu dương").

Both are data with validity dates, loaded from ``awards/reference/catalogue.yaml`` and edited by
the standing office; code never names an entry. An :class:`AwardRecord` is one title *or* one
form given to one :class:`AwardSubject` (a person, a collective, a household) by a numbered
decision — never both (a check constraint), because the national database stores them in two
separate fields. Records come from an issued decision (``decisions``), or are entered or
imported for earlier years; a revoked decision marks its records revoked and keeps them.

An exemplar of any campaign is tied to its subject by :class:`SubjectLink`, so the subject's
page shows the whole history across campaigns and the criteria (G5, M1) read it as evidence.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orgs.models import Unit
from registry.enums import ExemplarKind, Gender


class CatalogueEntry(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    level = models.CharField(_("cấp"), max_length=80, blank=True)
    # Subject kinds it may be given to (values of registry.enums.ExemplarKind).
    subject_kinds = models.JSONField(_("đối tượng áp dụng"), default=list)
    authority = models.CharField(_("cấp có thẩm quyền quyết định"), max_length=255, blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class EmulationTitle(CatalogueEntry):
    """Danh hiệu thi đua."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("danh hiệu thi đua")
        verbose_name_plural = _("danh hiệu thi đua")


class CommendationForm(CatalogueEntry):
    """Hình thức khen thưởng (including "công nhận điển hình tiên tiến" and "biểu dương")."""

    # Whether a record of this form counts as "được cấp có thẩm quyền ghi nhận" (criterion G5).
    counts_as_recognition = models.BooleanField(_("là ghi nhận của cấp có thẩm quyền"),
                                                default=True)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")


class AwardSubject(models.Model):
    """A person, collective or household whose awards are kept, across campaigns."""

    kind = models.CharField(_("loại"), max_length=12, choices=ExemplarKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    folded_name = models.CharField(max_length=255, db_index=True, editable=False)
    # The unit the subject belongs to (a person's agency, a household's commune).
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="award_subjects", verbose_name=_("đơn vị"))
    # A collective that is itself an organisation unit.
    org_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("là đơn vị"))
    position_title = models.CharField(_("chức vụ"), max_length=255, blank=True)
    work_unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ thành tích")
        verbose_name_plural = _("hồ sơ thành tích")
        indexes = [models.Index(fields=["kind", "folded_name"], name="award_subject_kind_name")]

    def __str__(self) -> str:
        return self.name


class SubjectLink(models.Model):
    """An exemplar (of any campaign) is this subject."""

    exemplar = models.OneToOneField("registry.Exemplar", on_delete=models.CASCADE,
                                    related_name="award_link")
    subject = models.ForeignKey(AwardSubject, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("liên kết điển hình với hồ sơ")

    def __str__(self) -> str:
        return str(self.subject)


class RecordSource(models.TextChoices):
    DECISION = "decision", _("Từ quyết định trong hệ thống")
    ENTERED = "entered", _("Nhập tay")
    IMPORTED = "imported", _("Nhập từ tệp Excel")


class AwardRecord(models.Model):
    subject = models.ForeignKey(AwardSubject, on_delete=models.PROTECT, related_name="records")
    title = models.ForeignKey(EmulationTitle, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="records", verbose_name=_("danh hiệu thi đua"))
    form = models.ForeignKey(CommendationForm, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="records", verbose_name=_("hình thức khen thưởng"))
    year = models.PositiveSmallIntegerField(_("năm"))
    # The field (lĩnh vực, a pack field key) the achievement was in: M1 reads the charity field.
    field_key = models.CharField(_("lĩnh vực"), max_length=8, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan, người quyết định"), max_length=255)
    source = models.CharField(_("nguồn"), max_length=10, choices=RecordSource.choices)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng, danh hiệu đã nhận")
        verbose_name_plural = _("khen thưởng, danh hiệu đã nhận")
        ordering = ["-decision_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(title__isnull=False, form__isnull=True)
                           | Q(title__isnull=True, form__isnull=False)),
                name="award_record_title_xor_form"),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} — {self.decision_number}"

    @property
    def award_name(self) -> str:
        return (self.title or self.form).name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
