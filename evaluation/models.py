"""Evidence for the criteria engine, kept per *subject* so it is reused across campaigns.

A :class:`Subject` is the person, household, collective or model behind an exemplar; the same
subject registered again in a later campaign keeps its ratings, recognitions, … An exemplar is
linked to its subject by :class:`ExemplarSubject` (this app owns the link, not the registry).

Absent is not empty: an :class:`EvidenceDeclaration` says "this kind of evidence was provided"
(possibly with no rows, e.g. "no violation at all"); without it and without rows the kind is
absent and the engine reports the criteria that need it as ``unknown``. Judgements belong to an
exemplar (a campaign's review), not to the subject. Each kind of evidence (its key, label, row
model, form fields and reader) is declared once, in ``evaluation.evidence``.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guidance.models import Campaign, GuidancePack
from orgs.models import Unit
from registry.enums import ExemplarKind
from registry.models import Exemplar
from uploads import private


class ViolationKind(models.TextChoices):
    LAW = "law", _("Vi phạm pháp luật")
    TRAFFIC = "traffic", _("Vi phạm an toàn giao thông")
    SOCIAL_EVIL = "social_evil", _("Tệ nạn xã hội")


class BusinessMetric(models.TextChoices):
    REVENUE = "revenue", _("Doanh thu")
    BUDGET = "budget", _("Nộp ngân sách nhà nước")
    PROFIT = "profit", _("Lợi nhuận")


class ProofKind(models.TextChoices):
    PDF = "pdf", _("Tệp PDF")
    IMAGE = "image", _("Ảnh")


class Subject(models.Model):
    """Who the evidence is about. Identity: the linked unit for a collective that is a unit;
    otherwise kind + folded name + birth year within the registering unit."""

    kind = models.CharField(_("loại"), max_length=12, choices=ExemplarKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    folded_name = models.CharField(max_length=255, db_index=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    home_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị đăng ký"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị (tập thể)"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="evidence_subjects")
    rated = models.BooleanField(_("thuộc diện đánh giá, xếp loại"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đối tượng minh chứng")
        verbose_name_plural = _("đối tượng minh chứng")
        indexes = [models.Index(fields=["home_unit", "kind", "folded_name"])]

    def __str__(self) -> str:
        return self.name


class ExemplarSubject(models.Model):
    exemplar = models.OneToOneField(Exemplar, on_delete=models.CASCADE, related_name="subject_link")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="exemplar_links")

    class Meta:
        verbose_name = _("điển hình – đối tượng")
        verbose_name_plural = _("điển hình – đối tượng")

    def __str__(self) -> str:
        return f"{self.exemplar_id} → {self.subject_id}"


def evidence_kind_choices() -> list[tuple[str, Any]]:
    """The declared kinds of evidence (``evaluation.evidence``), read when the choices are used."""
    from evaluation.evidence import kind_choices

    return kind_choices()


class EvidenceDeclaration(models.Model):
    """"This kind of evidence was provided" — possibly empty, which is then a fact."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="declarations")
    kind = models.CharField(_("loại minh chứng"), max_length=20, choices=evidence_kind_choices)
    provided = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("khai báo minh chứng")
        verbose_name_plural = _("khai báo minh chứng")
        constraints = [models.UniqueConstraint(fields=["subject", "kind"], name="declaration_once")]

    def __str__(self) -> str:
        return f"{self.subject_id}: {self.kind}"


class Evidence(models.Model):
    """Common columns of every evidence row. Who entered it, and in which role, decides who may
    change it later: a row the standing office entered is the standing office's alone
    (``evaluation.rules``)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    entered_by_role = models.CharField(_("vai trò người nhập"), max_length=20, blank=True)

    class Meta:
        abstract = True


class AnnualRating(Evidence):
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("xếp loại"), max_length=32)  # a key of the pack's ratings
    decision = models.CharField(_("quyết định xếp loại"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["subject", "year"], name="rating_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.level}"


class Recognition(Evidence):
    number = models.CharField(_("số quyết định"), max_length=100)
    date = models.DateField(_("ngày"), null=True, blank=True)
    authority = models.CharField(_("cấp công nhận"), max_length=255)
    content = models.CharField(_("nội dung"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("danh hiệu, khen thưởng")
        verbose_name_plural = _("danh hiệu, khen thưởng")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.number


class CulturalFamilyYear(Evidence):
    year = models.PositiveSmallIntegerField(_("năm"))

    class Meta:
        verbose_name = _("năm đạt Gia đình văn hóa")
        verbose_name_plural = _("năm đạt Gia đình văn hóa")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["subject", "year"], name="culture_per_year")]

    def __str__(self) -> str:
        return str(self.year)


class Violation(Evidence):
    year = models.PositiveSmallIntegerField(_("năm"))
    member_name = models.CharField(_("thành viên vi phạm"), max_length=255, blank=True)
    kind = models.CharField(_("loại vi phạm"), max_length=16, choices=ViolationKind.choices)

    class Meta:
        verbose_name = _("vi phạm")
        verbose_name_plural = _("vi phạm")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.kind}"


class AdminReformResult(Evidence):
    year = models.PositiveSmallIntegerField(_("năm"))
    par_index = models.FloatField(_("chỉ số cải cách hành chính (%)"), null=True, blank=True)
    satisfaction = models.FloatField(_("chỉ số hài lòng (%)"), null=True, blank=True)
    overdue_dossiers = models.PositiveIntegerField(_("hồ sơ trễ hạn"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả cải cách hành chính")
        verbose_name_plural = _("kết quả cải cách hành chính")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["subject", "year"], name="cchc_per_year")]

    def __str__(self) -> str:
        return str(self.year)


class Discipline(Evidence):
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("hình thức kỷ luật"), max_length=32)  # a key of pack.disciplines

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.level}"


class BusinessResult(Evidence):
    year = models.PositiveSmallIntegerField(_("năm"))
    metric = models.CharField(_("chỉ tiêu"), max_length=12, choices=BusinessMetric.choices)
    actual = models.FloatField(_("thực hiện"))
    plan = models.FloatField(_("kế hoạch"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả sản xuất, kinh doanh")
        verbose_name_plural = _("kết quả sản xuất, kinh doanh")
        ordering = ["year", "metric"]
        constraints = [models.UniqueConstraint(fields=["subject", "year", "metric"],
                                               name="business_per_metric")]

    def __str__(self) -> str:
        return f"{self.year} {self.metric}"


class TaxArrears(Evidence):
    amount = models.FloatField(_("số tiền nợ thuế"))
    as_of = models.DateField(_("tính đến ngày"))

    class Meta:
        verbose_name = _("nợ thuế")
        verbose_name_plural = _("nợ thuế")
        ordering = ["as_of", "pk"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.as_of})"


class HouseholdProduction(Evidence):
    stable_since = models.PositiveSmallIntegerField(_("ổn định từ năm"), null=True, blank=True)
    households_helped = models.PositiveIntegerField(_("số hộ được giúp đỡ"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("số lao động có việc làm"), null=True, blank=True)

    class Meta:
        verbose_name = _("sản xuất của hộ")
        verbose_name_plural = _("sản xuất của hộ")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.stable_since or "")


class CharityCommendation(Evidence):
    number = models.CharField(_("số quyết định"), max_length=100)
    date = models.DateField(_("ngày"), null=True, blank=True)
    authority = models.CharField(_("cấp khen thưởng"), max_length=255)

    class Meta:
        verbose_name = _("khen thưởng từ thiện")
        verbose_name_plural = _("khen thưởng từ thiện")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.number


class CchcInitiative(Evidence):
    recognised = models.BooleanField(_("được công nhận"), default=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sáng kiến cải cách hành chính")
        verbose_name_plural = _("sáng kiến cải cách hành chính")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.note


class Proof(Evidence):
    # A random name in the private storage; the original name below is for display only.
    file = models.FileField(_("tệp"), storage=private.storage, upload_to=private.proof_name,
                            max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=ProofKind.choices)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Judgement(models.Model):
    """A reviewer's decision on a judgement criterion (G1–G3, F-…); the latest one counts."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="judgements")
    criterion_code = models.CharField(_("tiêu chuẩn"), max_length=16)
    passed = models.BooleanField(_("đạt"))
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến thẩm định")
        verbose_name_plural = _("ý kiến thẩm định")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["exemplar", "criterion_code"])]

    def __str__(self) -> str:
        return f"{self.criterion_code}: {self.passed}"


class StoredVerdict(models.Model):
    """The criteria engine's verdict on one exemplar as last computed (``evaluation.verdicts``):
    what the campaign table filters, counts and pages in SQL.

    It is *current* when it was computed from the campaign's pack (``pack``) and proposal year
    (``year``), the exemplar's ``version`` (``exemplar_version``: kind, field, name … edits bump
    it) and the evidence as it now is: ``evidence_changes`` is bumped, in the writer's
    transaction, by every service that changes the exemplar's evidence, judgements or award
    history; ``evidence_version`` is the value it had when the verdict was computed. Each of
    these is a column compare, so the stale ones are counted in SQL
    (``verdicts.current_q``)."""

    exemplar = models.OneToOneField(Exemplar, on_delete=models.CASCADE, primary_key=True,
                                    related_name="stored_verdict")
    # The exemplar's campaign, kept here so the outcome filter is one index.
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+",
                                 db_index=False)
    outcome = models.CharField(_("kết quả"), max_length=20)
    eligible = models.BooleanField(null=True)
    # The codes of the criteria not passed (failing, unknown or awaiting a judgement), in the
    # pack's order, joined by ", " — the table's last column.
    failing = models.TextField(_("tiêu chuẩn chưa đạt"), blank=True)
    pack = models.ForeignKey(GuidancePack, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    exemplar_version = models.PositiveIntegerField()
    evidence_version = models.PositiveIntegerField(default=0)
    evidence_changes = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kết quả xét tiêu chuẩn đã lưu")
        verbose_name_plural = _("kết quả xét tiêu chuẩn đã lưu")
        indexes = [models.Index(fields=["campaign", "outcome"], name="verdict_campaign_outcome")]

    def __str__(self) -> str:
        return f"{self.exemplar_id}: {self.outcome}"

    @property
    def failing_codes(self) -> list[str]:
        return [code for code in self.failing.split(", ") if code]


class PublishedList(models.Model):
    """A list the province published (``evaluation.lists``: the PAR index, the satisfaction
    index, …) imported as the evidence of every unit it names; the file is the proof. Written
    once by ``lists.apply_list``, never changed: a correction is a new list."""

    kind = models.CharField(_("loại danh sách"), max_length=32)
    year = models.PositiveSmallIntegerField(_("năm"))
    as_of = models.DateField(_("đơn vị theo tổ chức ngày"))
    file = models.FileField(_("tệp"), storage=private.storage, upload_to=private.published_list_name,
                            max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra (SHA-256)"), max_length=64)
    value_header = models.CharField(_("cột giá trị"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("danh sách công bố")
        verbose_name_plural = _("danh sách công bố")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.original_name}"


class PublishedValue(models.Model):
    """One row of a published list: the name as written, the unit (or household) it was
    resolved to, the value, and what the unit had typed before when it differed."""

    published_list = models.ForeignKey(PublishedList, on_delete=models.PROTECT,
                                       related_name="entries")
    row = models.PositiveIntegerField(_("dòng"))
    text = models.CharField(_("tên trong danh sách"), max_length=255)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="published")
    number = models.FloatField(_("giá trị"), null=True, blank=True)
    level = models.CharField(_("xếp loại"), max_length=32, blank=True)
    previous = models.CharField(_("số liệu đơn vị đã nhập"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("giá trị trong danh sách công bố")
        verbose_name_plural = _("giá trị trong danh sách công bố")
        ordering = ["published_list", "row"]

    def __str__(self) -> str:
        return f"{self.text}: {self.number if self.number is not None else self.level}"
