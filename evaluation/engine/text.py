"""Vietnamese wording for the engine's reasons: numbers, years, labels. Plain Python.

Reasons are read by clerks and council members, so figures follow Vietnamese conventions
(decimal comma, dot for thousands: ``87,5%``, ``12.500.000``) and years are named, never
described as "some years". Labels here are words, not thresholds: every limit comes from the
pack, and the labels of rating and discipline levels come from the pack's scales too.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

# Names of the measured quantities (criterion params name them by key).
METRIC_LABELS = {
    "par_index": "Chỉ số CCHC",
    "satisfaction": "Chỉ số hài lòng về sự phục vụ hành chính",
    "revenue": "Doanh thu",
    "budget": "Nộp ngân sách Nhà nước",
    "profit": "Lợi nhuận",
}

VIOLATION_LABELS = {
    "law": "vi phạm pháp luật",
    "traffic": "vi phạm an toàn giao thông",
    "social_evil": "vi phạm về tệ nạn xã hội",
}

_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def number(value: float) -> str:
    """``87.5`` → ``87,5``; ``12500000`` → ``12.500.000``; ``85.0`` → ``85``.

    Floats are shown with their shortest exact form (``84.999`` stays ``84,999``): rounding would
    print "85%" next to "dưới 85%" for a value that just misses the threshold.
    """
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        exact = Decimal(repr(value)).normalize()
        text = f"{exact:,f}"
    return text.translate(_SWAP_SEPARATORS)


def percent(value: float) -> str:
    return f"{number(value)}%"


def year_list(years: Iterable[int]) -> str:
    """``[2021, 2022]`` → ``2021, 2022``."""
    return ", ".join(str(y) for y in sorted(years))


def years_phrase(years: Iterable[int]) -> str:
    """``năm 2021`` for one year, ``các năm 2021, 2022`` for several."""
    ordered = sorted(years)
    return f"năm {ordered[0]}" if len(ordered) == 1 else f"các năm {year_list(ordered)}"


def span(first: int, last: int) -> str:
    """A window of years: ``2021–2025``."""
    return str(first) if first == last else f"{first}–{last}"


def quoted(label: str) -> str:
    return f"“{label}”"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(*clauses: str) -> str:
    """Join clauses with "; ", capitalise the first letter and end with a full stop."""
    body = "; ".join(c for c in clauses if c)
    return upper_first(body) + ("" if body.endswith(".") else ".")


def date(value: str | None) -> str:
    """ISO ``2024-03-01`` (or a date-time) → ``01/03/2024``; anything else is shown as given."""
    if not value:
        return ""
    try:
        return datetime.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value


def document(number_: str | None, day: str | None, authority: str | None,
             content: str | None) -> str:
    """``số 12/QĐ-UBND ngày 01/03/2024 của UBND tỉnh`` — only the parts that are known."""
    parts = []
    if number_:
        parts.append(f"số {number_}")
    if day:
        parts.append(f"ngày {date(day)}")
    if authority:
        parts.append(f"của {authority}")
    if not parts and content:
        parts.append(quoted(content))
    return " ".join(parts) or "không rõ số hiệu"


def metric_label(key: str) -> str:
    return METRIC_LABELS.get(key, key)


def violation_label(key: str) -> str:
    return VIOLATION_LABELS.get(key, f"vi phạm “{key}”")
