"""Proposals (đề nghị công nhận, khen thưởng): a unit proposes exemplars of a campaign, each for
one form of commendation or one emulation title from the catalogues (``awards``).

Each item carries the evaluation verdict with its reasons **frozen** at proposal time
(``verdict``: what the engine said that day, never recomputed), and the achievement report
(báo cáo thành tích) — uploaded through the one upload door, or generated from the data as DOCX
for the unit to complete. The unit head approves; the standing office screens each item
(complete dossier, eligible, no duplicate: same subject, same title or form, same year) and
returns it with a reason or accepts it for a council meeting (``council``). The proposal's
lifecycle is declared in ``proposals.workflow``; each step moves the exemplars through
registry's exemplar lifecycle (fostering → proposed → recognised / not recognised).
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import CommendationForm, EmulationTitle
from guidance.models import Campaign
from orgs.models import Unit
from uploads import private

REPORT_EXTENSIONS = {".pdf": "application/pdf",
                     ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml"
                              ".document"}


def report_name(_instance, filename: str) -> str:
    """``proposal-reports/<32 hex>.<pdf|docx>``: the stored name says nothing about the file."""
    extension = PurePath(filename or "").suffix.lower()
    if extension not in REPORT_EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return f"proposal-reports/{uuid.uuid4().hex}{extension}"


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ thủ trưởng duyệt")
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    RETURNED = "returned", _("Bị trả lại")
    SCREENED = "screened", _("Đã thẩm định")
    DECIDED = "decided", _("Đã có kết quả")


EDITABLE_PROPOSAL_STATES = frozenset({ProposalState.DRAFT, ProposalState.RETURNED})


class Proposal(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="proposals")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proposals",
                             verbose_name=_("đơn vị đề nghị"))
    state = models.CharField(_("trạng thái"), max_length=20, choices=ProposalState.choices,
                             default=ProposalState.DRAFT, db_index=True)
    # The unit's letter of proposal (tờ trình): its own number and date, as the unit wrote them.
    letter_number = models.CharField(_("số tờ trình"), max_length=60, blank=True)
    letter_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    summary = models.TextField(_("nội dung đề nghị"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người duyệt"))
    approved_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    screened_at = models.DateTimeField(_("ngày thẩm định"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đề nghị công nhận, khen thưởng")
        verbose_name_plural = _("đề nghị công nhận, khen thưởng")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.campaign.code}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_PROPOSAL_STATES


class ScreeningResult(models.TextChoices):
    PENDING = "pending", _("Chưa thẩm định")
    ACCEPTED = "accepted", _("Đủ điều kiện trình Hội đồng")
    RETURNED = "returned", _("Trả lại")


class ItemOutcome(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Hội đồng thông qua")
    REJECTED = "rejected", _("Hội đồng không thông qua")
    NO_QUORUM = "no_quorum", _("Không đủ số thành viên dự họp")
    RECOGNISED = "recognised", _("Đã có quyết định")


class ProposalItem(models.Model):
    """One exemplar proposed for one title or one form (never both)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    exemplar = models.ForeignKey("registry.Exemplar", on_delete=models.PROTECT,
                                 related_name="proposal_items", verbose_name=_("điển hình"))
    form = models.ForeignKey(CommendationForm, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("hình thức khen thưởng"))
    title = models.ForeignKey(EmulationTitle, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("danh hiệu thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    # Frozen at proposal time: {"status", "status_label", "evaluated_at", "criteria": [{"code",
    # "status", "reason"}…]} — what the criteria engine said, never recomputed afterwards.
    verdict = models.JSONField(_("kết quả đánh giá khi đề nghị"), default=dict, blank=True)
    report_file = models.FileField(_("báo cáo thành tích"), storage=private.storage,
                                   upload_to=report_name, max_length=255, blank=True)
    report_name = models.CharField(_("tên tệp báo cáo"), max_length=255, blank=True)
    report_uploaded_at = models.DateTimeField(_("ngày tải báo cáo"), null=True, blank=True)
    screening = models.CharField(_("thẩm định"), max_length=10, choices=ScreeningResult.choices,
                                 default=ScreeningResult.PENDING)
    screening_note = models.TextField(_("ý kiến thẩm định"), blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người thẩm định"))
    screened_at = models.DateTimeField(_("ngày thẩm định"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=12, choices=ItemOutcome.choices,
                               default=ItemOutcome.PENDING, db_index=True)
    position = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("điển hình được đề nghị")
        verbose_name_plural = _("điển hình được đề nghị")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(title__isnull=False, form__isnull=True)
                           | Q(title__isnull=True, form__isnull=False)),
                name="proposal_item_title_xor_form"),
            models.UniqueConstraint(fields=["proposal", "exemplar"],
                                    name="proposal_item_one_per_exemplar"),
        ]

    def __str__(self) -> str:
        return str(self.exemplar)

    @property
    def award(self):
        return self.title or self.form

    @property
    def has_report(self) -> bool:
        return bool(self.report_file)

    @property
    def report_content_type(self) -> str:
        return REPORT_EXTENSIONS.get(PurePath(self.report_file.name or "").suffix.lower(),
                                     "application/octet-stream")

    @property
    def verdict_status(self) -> str:
        return (self.verdict or {}).get("status", "")
