"""Decisions (quyết định công nhận, khen thưởng) in the Nghị định 30/2020 layout.

An :class:`Authority` (e.g. Chủ tịch UBND tỉnh) issues decisions under its own symbol
(``QĐ-UBND``); its :class:`NumberRegister` per year hands out numbers **at issue**, in order,
never reused and without gaps (the register row is locked while a number is taken, so numbers
stay unique under concurrent issue; a unique constraint backs it). A draft has no number.
Issuing writes one award record per entry (``awards.AwardRecord``) and moves the exemplars to
"recognised". An issued decision is immutable; revocation (thu hồi) keeps it, marks it revoked
with reason and legal basis, and marks its records revoked.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRecord, AwardSubject, CommendationForm, EmulationTitle
from council.models import Meeting
from proposals.models import ProposalItem
from registry.models import SignatureStatus
from uploads import private


class Authority(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("người, cơ quan ban hành"), max_length=255)  # Chủ tịch UBND tỉnh
    superior_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)  # ỦY BAN NHÂN DÂN …
    symbol = models.CharField(_("ký hiệu"), max_length=40)  # QĐ-UBND
    place = models.CharField(_("địa danh"), max_length=80)  # Lai Châu
    # The signature block's lines above the name, e.g. "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n
    # PHÓ CHỦ TỊCH".
    signature_block = models.TextField(_("thẩm quyền ký"), blank=True)
    # Other signature blocks the drafter may choose (ký thay: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").
    signature_choices = models.JSONField(_("các cách ký"), default=list, blank=True)
    default_signer = models.CharField(_("người ký"), max_length=150, blank=True)
    default_recipients = models.TextField(_("nơi nhận"), blank=True)
    # The authority's title line above "QUYẾT ĐỊNH:" (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU).
    heading = models.CharField(_("chức danh ban hành"), max_length=255, blank=True)
    # The authority's own legal bases ("Căn cứ …;" one per line), before the award's and pack's.
    legal_basis = models.TextField(_("căn cứ ban hành"), blank=True)
    proposal_text = models.TextField(_("xét đề nghị"), blank=True)
    default_articles = models.TextField(_("các điều mặc định"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan, người ban hành quyết định")
        verbose_name_plural = _("cơ quan, người ban hành quyết định")

    def __str__(self) -> str:
        return self.name


class NumberRegister(models.Model):
    """Sổ đăng ký số quyết định: one per authority and year."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="registers")
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số quyết định")
        constraints = [models.UniqueConstraint(fields=["authority", "year"],
                                               name="number_register_once")]

    def __str__(self) -> str:
        return f"{self.authority.symbol} {self.year}"


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    REVOKED = "revoked", _("Đã thu hồi")


class Decision(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="decisions")
    state = models.CharField(_("trạng thái"), max_length=8, choices=DecisionState.choices,
                             default=DecisionState.DRAFT, db_index=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="decisions", verbose_name=_("phiên họp Hội đồng"))
    campaign = models.ForeignKey("guidance.Campaign", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    form = models.ForeignKey(CommendationForm, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("hình thức khen thưởng"))
    title = models.ForeignKey(EmulationTitle, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("danh hiệu thi đua"))
    subject = models.CharField(_("trích yếu"), max_length=500)  # "Về việc công nhận …"
    legal_basis = models.TextField(_("căn cứ ban hành"))  # one "Căn cứ …;" per line
    proposal_text = models.TextField(_("xét đề nghị"), blank=True)  # "Xét đề nghị của …"
    articles = models.TextField(_("các điều"), blank=True)  # Điều 2, 3 … (Điều 1 is the award)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150)
    # The lines above the signer's name (TM. … / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), from the authority.
    signature_block = models.TextField(_("thẩm quyền ký"), blank=True)
    # Assigned at issue, from the register; never reused.
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)
    revoke_legal_basis = models.TextField(_("căn cứ thu hồi"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-issued_on", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "year", "number"],
                                    name="decision_number_unique"),
            models.CheckConstraint(condition=~Q(form__isnull=False, title__isnull=False),
                                   name="decision_title_or_form"),
        ]

    def __str__(self) -> str:
        return self.reference or str(_("Dự thảo quyết định"))

    @property
    def reference(self) -> str:
        """``123/QĐ-UBND`` once issued, empty for a draft."""
        return f"{self.number}/{self.authority.symbol}" if self.number else ""


class DecisionEntry(models.Model):
    """One collective, individual or household in the attached list (danh sách kèm theo)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="entries")
    proposal_item = models.ForeignKey(ProposalItem, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="decision_entries")
    subject = models.ForeignKey(AwardSubject, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    name = models.CharField(_("tên"), max_length=255)
    description = models.CharField(_("chức vụ, đơn vị"), max_length=500, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    position = models.PositiveIntegerField(default=1)
    record = models.OneToOneField(AwardRecord, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="decision_entry")

    class Meta:
        verbose_name = _("tập thể, cá nhân trong quyết định")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class SignedDecision(models.Model):
    """The signed decision (digitally signed PDF or a scan) and its verification."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="signed_files")
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
        verbose_name = _("quyết định đã ký")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
