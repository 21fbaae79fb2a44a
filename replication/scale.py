"""The scale of an adoption (quy mô nhân rộng): the measures, declared once.

The guidance pack format (``guidance.pack.FieldOfWork``) defines no scale per field, so the
measures are the same for every field: households, participants, area. Each is optional; a
scale is stored as JSON keyed by the measure's ``key`` (``{"households": 40, "area": 2.5}``).
Should a pack one day declare measures per field, ``measures_for`` is the one place to read them.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _n
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str
    integral: bool


MEASURES: tuple[Measure, ...] = (
    Measure("households", _("Số hộ tham gia"), _("hộ"), True),
    Measure("participants", _("Số người tham gia"), _("người"), True),
    Measure("area", _("Diện tích"), _("ha"), False),
)
BY_KEY = {m.key: m for m in MEASURES}
LIMIT = Decimal("100000000")


def measures_for(exemplar=None) -> tuple[Measure, ...]:
    """The measures of an adoption of ``exemplar`` (the same for every field today)."""
    return MEASURES


def clean_scale(values: dict | None, exemplar=None) -> dict:
    """``values`` (measure key → number or text such as "2,5") checked: known keys, numbers
    from 0 to 100 000 000, whole numbers where the measure counts; blanks dropped."""
    allowed = {m.key: m for m in measures_for(exemplar)}
    out: dict = {}
    for key, raw in (values or {}).items():
        measure = allowed.get(key)
        if measure is None:
            raise DomainError(_n("Chỉ tiêu quy mô không hợp lệ: %(key)s.") % {"key": key})
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if isinstance(raw, bool):
            raise DomainError(_n("“%(label)s” phải là một số.") % {"label": measure.label},
                              field=key)
        try:
            number = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise DomainError(_n("“%(label)s” phải là một số.") % {"label": measure.label},
                              field=key)
        if number < 0 or number > LIMIT:
            raise DomainError(_n("“%(label)s” phải từ 0 đến 100.000.000.")
                              % {"label": measure.label}, field=key)
        if measure.integral:
            if number != number.to_integral_value():
                raise DomainError(_n("“%(label)s” phải là số nguyên.") % {"label": measure.label},
                                  field=key)
            out[key] = int(number)
        else:
            out[key] = float(round(number, 2))
    return out


def described(values: dict | None) -> list[dict]:
    """The scale for display: label, value, unit, in the declared order."""
    values = values or {}
    return [{"key": m.key, "label": m.label, "value": values[m.key], "unit": m.unit}
            for m in MEASURES if m.key in values]
