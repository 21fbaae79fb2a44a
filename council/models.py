"""The council (Hội đồng Thi đua - Khen thưởng): members with roles and validity dates, meetings
with an agenda of screened proposal items, attendance, conflicts of interest and votes.

**Vote rules are data** (:class:`VoteRule`): the guidance fixes no quorum or threshold and the
decrees change, so each rule — per form or title of commendation, or the council's default —
holds a quorum fraction of members present, a pass threshold as a fraction with its basis
(``members``, ``present`` or ``cast``), "at least" or "more than" (``strict``) and whether the
ballot is secret, with validity dates. A meeting freezes the rules it uses when voting opens.

**Secret ballots cannot be joined back to a member**: :class:`VoteReceipt` records *that* a
member voted on an item; :class:`Ballot` records a choice with a random UUID key, no member, no
time and no sequence — nothing on it points at a receipt. An open vote's ballot names its member.
The tally is one pure function (``council.tally``) used by the meeting and by ``tally_case``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orgs.models import Unit


class Basis(models.TextChoices):
    MEMBERS = "members", _("Tổng số thành viên Hội đồng (trừ người không tham gia biểu quyết)")
    PRESENT = "present", _("Số thành viên có mặt (trừ người không tham gia biểu quyết)")
    CAST = "cast", _("Số phiếu hợp lệ (kể cả phiếu không biểu quyết)")


class VoteRule(models.Model):
    # The identity of a rule shipped in council/reference/vote_rules.yaml (blank: entered by hand).
    key = models.SlugField(_("mã"), max_length=60, null=True, blank=True, unique=True)
    name = models.CharField(_("tên quy tắc"), max_length=255)
    # None for both: the council's default rule.
    form = models.ForeignKey("awards.CommendationForm", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("hình thức khen thưởng"))
    title = models.ForeignKey("awards.EmulationTitle", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("danh hiệu thi đua"))
    quorum_numerator = models.PositiveSmallIntegerField(_("tử số tỷ lệ dự họp"))
    quorum_denominator = models.PositiveSmallIntegerField(_("mẫu số tỷ lệ dự họp"))
    threshold_numerator = models.PositiveSmallIntegerField(_("tử số tỷ lệ thông qua"))
    threshold_denominator = models.PositiveSmallIntegerField(_("mẫu số tỷ lệ thông qua"))
    basis = models.CharField(_("căn cứ tính tỷ lệ"), max_length=8, choices=Basis.choices)
    strict = models.BooleanField(_("phải vượt quá tỷ lệ (không tính bằng)"), default=False)
    secret = models.BooleanField(_("bỏ phiếu kín"), default=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    to_confirm = models.BooleanField(_("cần xác nhận với quy định hiện hành"), default=False)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("quy tắc biểu quyết")
        verbose_name_plural = _("quy tắc biểu quyết")
        constraints = [
            models.CheckConstraint(condition=Q(quorum_denominator__gt=0)
                                   & Q(threshold_denominator__gt=0)
                                   & Q(quorum_numerator__lte=models.F("quorum_denominator"))
                                   & Q(threshold_numerator__lte=models.F("threshold_denominator")),
                                   name="vote_rule_fractions"),
            models.CheckConstraint(condition=~Q(form__isnull=False, title__isnull=False),
                                   name="vote_rule_title_or_form"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    MEMBER = "member", _("Ủy viên")


class CouncilMember(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="council_seats",
                             verbose_name=_("tài khoản"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position_title = models.CharField(_("chức vụ"), max_length=255, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("đơn vị công tác"))
    role = models.CharField(_("vai trò trong Hội đồng"), max_length=12, choices=MemberRole.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return self.full_name


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    IN_SESSION = "in_session", _("Đang họp")
    CLOSED = "closed", _("Đã kết thúc")


class Meeting(models.Model):
    title = models.CharField(_("tên phiên họp"), max_length=255)
    campaign = models.ForeignKey("guidance.Campaign", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    state = models.CharField(_("trạng thái"), max_length=12, choices=MeetingState.choices,
                             default=MeetingState.PLANNED, db_index=True)
    chair = models.ForeignKey(CouncilMember, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("chủ trì"))
    secretary = models.ForeignKey(CouncilMember, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("thư ký"))
    notes = models.TextField(_("ý kiến, kết luận"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"],
                                               name="attendance_once")]

    def __str__(self) -> str:
        return str(self.member)


class VoteState(models.TextChoices):
    PENDING = "pending", _("Chưa biểu quyết")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Thông qua")
    REJECTED = "rejected", _("Không thông qua")
    NO_QUORUM = "no_quorum", _("Không đủ số thành viên dự họp")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    proposal_item = models.ForeignKey("proposals.ProposalItem", on_delete=models.PROTECT,
                                      related_name="agenda_items")
    position = models.PositiveIntegerField(default=1)
    vote_state = models.CharField(_("bỏ phiếu"), max_length=8, choices=VoteState.choices,
                                  default=VoteState.PENDING)
    # The rule frozen when the vote opened: {"quorum": "2/3", "threshold": "4/5", "basis": …,
    # "strict": bool, "secret": bool, "rule_id": int, "name": str}.
    rule = models.JSONField(_("quy tắc biểu quyết áp dụng"), default=dict, blank=True)
    # The result, written when the secretary closes the vote (council.tally's item dict).
    status = models.CharField(_("kết quả"), max_length=10, choices=ItemStatus.choices,
                              default=ItemStatus.PENDING)
    result = models.JSONField(_("số phiếu"), default=dict, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nội dung xét tại phiên họp")
        verbose_name_plural = _("nội dung xét tại phiên họp")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "proposal_item"],
                                               name="agenda_item_once")]

    def __str__(self) -> str:
        return str(self.proposal_item)


class ConflictKind(models.TextChoices):
    SUBJECT = "subject", _("Là người được đề nghị")
    UNIT = "unit", _("Thuộc đơn vị đề nghị hoặc cơ quan cấp trên của đơn vị")
    DECLARED = "declared", _("Tự khai báo xung đột lợi ích")


class Exclusion(models.Model):
    """A member who takes no part in one item, and why. Subject and unit conflicts are found by
    the rules; a declared one is entered by the member or the secretary with its reason."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="exclusions")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("lý do"), max_length=10, choices=ConflictKind.choices)
    reason = models.TextField(_("giải thích"), blank=True)

    class Meta:
        verbose_name = _("thành viên không tham gia biểu quyết")
        constraints = [models.UniqueConstraint(fields=["item", "member", "kind"],
                                               name="exclusion_once")]

    def __str__(self) -> str:
        return str(self.member)


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Đồng ý")
    REJECT = "reject", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class VoteReceipt(models.Model):
    """That a member voted on an item (never how, for a secret ballot)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("xác nhận đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="vote_once")]

    def __str__(self) -> str:
        return str(self.member)


class Ballot(models.Model):
    """One choice. Secret: no member, a random key, no time — nothing joins it to a receipt."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(_("lựa chọn"), max_length=8, choices=VoteChoice.choices)
    # Only for an open vote (recorded by name).
    member = models.ForeignKey(CouncilMember, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")

    def __str__(self) -> str:
        return str(self.get_choice_display())
