from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.models import Campaign
from orgs.models import Unit
from registry.enums import ExemplarKind, ExemplarState, Gender, RegistrationState
from uploads import private


class Registration(models.Model):
    """One unit's Biểu đăng ký in one campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registrations")
    state = models.CharField(_("trạng thái"), max_length=20, choices=RegistrationState.choices,
                             default=RegistrationState.DRAFT, db_index=True)
    # Optimistic lock: every write bumps it; a save with a stale version is refused.
    version = models.PositiveIntegerField(default=1)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    below_quota_reason = models.TextField(_("lý do chưa đủ chỉ tiêu"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    is_late = models.BooleanField(_("gửi muộn"), default=False)
    # Its entries by kind, kept by the exemplar services (``registry.tallies.recount``): the
    # standing office's overview reads them instead of counting the entries of every unit.
    n_collective = models.PositiveIntegerField(default=0, editable=False)
    n_individual = models.PositiveIntegerField(default=0, editable=False)
    n_household = models.PositiveIntegerField(default=0, editable=False)
    n_model = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("biểu đăng ký")
        verbose_name_plural = _("biểu đăng ký")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="registration_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.campaign}"


class Exemplar(models.Model):
    """An entry of a registration: a collective, individual, household or model (practice)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="exemplars")
    # The registration's campaign (which never changes), copied so that the compiled list of a
    # campaign walks one index in its order: ``exemplar_compiled_order`` below.
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+",
                                 db_index=False, editable=False)
    kind = models.CharField(_("loại"), max_length=12, choices=ExemplarKind.choices)
    # The kind's position in the official form (``registry.enums.form_order``), kept with the kind.
    form_order = models.PositiveSmallIntegerField(default=0, editable=False)
    position = models.PositiveIntegerField(_("số thứ tự"), default=1)
    # The collective's unit name, the individual's full name, the household head or model name.
    name = models.CharField(_("tên"), max_length=255)
    linked_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="exemplar_entries")
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    head_name = models.CharField(_("người đứng đầu; phụ trách"), max_length=255, blank=True)
    position_title = models.CharField(_("chức vụ"), max_length=255, blank=True)
    work_unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    field_key = models.CharField(_("lĩnh vực"), max_length=8, db_index=True)
    solutions = models.TextField(_("giải pháp thực hiện"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=ExemplarState.choices,
                             default=ExemplarState.REGISTERED)
    # The latest lifecycle step: when, why, and (for a revocation) on what legal basis.
    state_changed_at = models.DateTimeField(_("ngày chuyển trạng thái"), null=True, blank=True)
    state_reason = models.TextField(_("lý do"), blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    version = models.PositiveIntegerField(default=1)
    folded_name = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    sort_key = models.BinaryField(default=b"", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("điển hình")
        verbose_name_plural = _("điển hình")
        ordering = ["registration", "kind", "position"]
        indexes = [
            models.Index(fields=["registration", "kind", "position"]),
            # Official lists: by kind, then Vietnamese order of the name (ICU key).
            models.Index(fields=["kind", "sort_key"], name="exemplar_kind_sort"),
            # The compiled list of a campaign: kinds in form order, then the name, then the id
            # (``registry.dashboard.compiled_exemplars``, keyset pages).
            models.Index(fields=["campaign", "form_order", "sort_key", "id"],
                         name="exemplar_compiled_order"),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignTally(models.Model):
    """A campaign's counts' version: a new random token each time a service changes its
    exemplars or a registration's state (``registry.tallies.changed``); cached counts of the
    campaign are keyed by it, so a change is never served stale."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, primary_key=True,
                                    related_name="+")
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("phiên bản số liệu đợt thi đua")
        verbose_name_plural = _("phiên bản số liệu đợt thi đua")

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.token}"


class SignatureStatus(models.TextChoices):
    SCAN = "scan", _("Bản quét, không có chữ ký số")
    VALID_TRUSTED = "valid_trusted", _("Chữ ký số hợp lệ, chứng thư được tin cậy")
    VALID_UNTRUSTED = "valid_untrusted", _("Chữ ký số nguyên vẹn, chứng thư chưa được tin cậy")
    MODIFIED = "modified", _("Tài liệu đã bị sửa sau khi ký")
    INVALID = "invalid", _("Chữ ký số không hợp lệ")


class SignedForm(models.Model):
    """The head's signed Biểu đăng ký (digitally signed PDF or a scan) and its verification."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="signed_forms")
    # A random name in the private storage; the original name below is for display only.
    file = models.FileField(_("tệp"), storage=private.storage,
                            upload_to=private.signed_form_name, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("kết quả kiểm tra"), max_length=20, choices=SignatureStatus.choices)
    signer_name = models.CharField(_("người ký"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("biểu đăng ký đã ký")
        verbose_name_plural = _("biểu đăng ký đã ký")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
