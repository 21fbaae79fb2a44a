"""Organisation units with history: a tree whose nodes carry validity dates and successor links.

Codes are re-used with new meanings across reforms (03388 was Phường Quyết Tiến and is Phường
Đoàn Kết from 01/07/2025), so a unit is identified by (code, valid_from), never by code alone.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    PROVINCE = "province", _("Ủy ban nhân dân tỉnh")
    AGENCY = "agency", _("Cơ quan, sở, ban, ngành tỉnh")
    MASS_ORGANISATION = "mass_org", _("Mặt trận, đoàn thể")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    DISTRICT = "district", _("Huyện, thành phố (cấp huyện)")
    COMMUNE = "commune", _("Xã, phường, thị trấn (cấp xã)")
    SUBORDINATE = "subordinate", _("Đơn vị trực thuộc")


class SuccessionKind(models.TextChoices):
    MERGED = "merged", _("Sáp nhập vào")
    SPLIT = "split", _("Chia tách thành")
    RENAMED = "renamed", _("Đổi tên thành")
    DISSOLVED = "dissolved", _("Giải thể, chuyển giao nhiệm vụ cho")


class EmulationBlock(models.Model):
    """Khối thi đua: a grouping of units that compete together."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên khối thi đua"), max_length=255)
    valid_from = models.DateField(_("hiệu lực từ"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    sort_key = models.BinaryField(_("khóa sắp xếp"), default=b"", editable=False)

    class Meta:
        verbose_name = _("khối thi đua")
        verbose_name_plural = _("khối thi đua")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "UnitQuerySet":
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def current(self) -> "UnitQuerySet":
        return self.valid_on(datetime.date.today())


class Unit(models.Model):
    code = models.CharField(_("mã"), max_length=32)
    name = models.CharField(_("tên chính thức"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    unit_type = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitType.choices)
    category = models.CharField(
        _("phân loại"), max_length=60, blank=True,
        help_text=_("Ví dụ: xã, phường, thị trấn, trường học, trạm y tế."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    emulation_block = models.ForeignKey(
        EmulationBlock, verbose_name=_("khối thi đua"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="units",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    # "/<id>/<id>/" from the root: subtree reads are one indexed prefix match.
    tree_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    folded_name = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    sort_key = models.BinaryField(default=b"", editable=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    # Fingerprint of the reference facts last loaded from orgs/reference/ (blank: created by
    # hand). The loader refreshes a row only when the file's facts differ from this.
    reference_digest = models.CharField(max_length=40, blank=True, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["unit_type", "valid_to"]),
            models.Index(fields=["unit_type", "sort_key"], name="unit_type_sort"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(datetime.date.today())

    def clean(self) -> None:
        """A unit sits under a parent that exists for its whole life, and never under itself."""
        super().clean()
        parent = self.parent if self.parent_id else None
        if parent is None or self.valid_from is None:
            return
        if self.pk and (parent.pk == self.pk or (
            self.tree_path and parent.tree_path.startswith(self.tree_path)
        )):
            raise ValidationError(
                {"parent": _("Không thể đặt đơn vị dưới chính nó hoặc đơn vị trực thuộc nó.")}
            )
        ends_inside = parent.valid_to is None or (
            self.valid_to is not None and self.valid_to <= parent.valid_to
        )
        if self.valid_from < parent.valid_from or not ends_inside:
            raise ValidationError({"parent": _(
                "Thời gian hiệu lực của đơn vị phải nằm trong thời gian hiệu lực của đơn vị cấp "
                "trên (%(start)s – %(end)s)."
            ) % {
                "start": f"{parent.valid_from:%d/%m/%Y}",
                "end": f"{parent.valid_to:%d/%m/%Y}" if parent.valid_to else _("nay"),
            }})


class UnitSuccession(models.Model):
    """A predecessor's territory or duties went (wholly or partly) to a successor."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessions")
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    # Same role as Unit.reference_digest.
    reference_digest = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def clean(self) -> None:
        """The successor exists on the effective day; the predecessor began before it."""
        super().clean()
        if not (self.predecessor_id and self.successor_id and self.effective_on):
            return
        if self.predecessor_id == self.successor_id:
            raise ValidationError(_("Đơn vị không thể kế thừa chính nó."))
        if not self.successor.is_valid_on(self.effective_on):
            raise ValidationError({"effective_on": _(
                "Đơn vị kế thừa chưa hoặc không còn hiệu lực vào ngày này."
            )})
        if self.predecessor.valid_from >= self.effective_on:
            raise ValidationError({"effective_on": _(
                "Ngày hiệu lực phải sau ngày bắt đầu của đơn vị được kế thừa."
            )})
