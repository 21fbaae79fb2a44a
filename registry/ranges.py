"""Plausible ranges for the numbers people type (a birth year of 3000 is a typing error, not
data), shared by the web forms and the file importer, with their Vietnamese messages."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

BIRTH_YEAR_MIN = 1920
YOUNGEST_AGE = 6  # pupils can be exemplars too
EVIDENCE_YEAR_MIN = 1975
COUNT_MAX = 1_000_000
PERCENT_FIELDS = ("par_index", "satisfaction")
YEAR_FIELDS = ("year", "stable_since")


def this_year() -> int:
    return timezone.localdate().year


def birth_year_range() -> tuple[int, int]:
    return BIRTH_YEAR_MIN, this_year() - YOUNGEST_AGE


def birth_year_error(year: int) -> str | None:
    low, high = birth_year_range()
    if low <= year <= high:
        return None
    return _("Năm sinh %(year)s không hợp lệ: năm sinh phải từ %(low)s đến %(high)s.") % {
        "year": year, "low": low, "high": high}


def check_birth_year(year: int | None) -> None:
    if year is not None and (message := birth_year_error(year)):
        raise ValidationError(message, code="range")


def check_number(name: str, value) -> None:
    """A year of evidence lies between 1975 and this year; a percentage between 0 and 100;
    every other count or amount is not negative and not absurdly large."""
    if value is None:
        return
    if name in YEAR_FIELDS:
        low, high = EVIDENCE_YEAR_MIN, this_year()
        if not low <= value <= high:
            raise ValidationError(_("Năm %(value)s không hợp lệ: phải từ %(low)s đến %(high)s.")
                                  % {"value": value, "low": low, "high": high}, code="range")
    elif name in PERCENT_FIELDS:
        if not 0 <= value <= 100:
            raise ValidationError(_("Tỷ lệ phải từ 0 đến 100 (%)."), code="range")
    elif value < 0:
        raise ValidationError(_("Không được nhỏ hơn 0."), code="range")
    elif name != "amount" and value > COUNT_MAX:
        raise ValidationError(_("Số quá lớn (tối đa %(max)s).")
                              % {"max": f"{COUNT_MAX:,}".replace(",", ".")}, code="range")
