"""Reading the ``evaluate_case`` JSON object into the parts of a :class:`Case`.

Malformed input raises :class:`CaseError` whose message is Vietnamese and names the key path
(``cchc.2025.par_index``), so a clerk can fix the file without reading code. Unknown keys are
refused rather than ignored, and parsing never turns a missing key into an empty value, nor the
other way round (absent is not empty). Plain Python, no Django import.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from core.text import clean
from evaluation.engine.values import (
    _YEAR_KEYS,
    CCHC_INDEX_METRICS,
    YEAR_MAX,
    YEAR_MIN,
    CaseError,
    CchcYear,
    Document,
    Figure,
    HouseholdProduction,
    Judgement,
    Violation,
    Vocabulary,
)

_DOCUMENT_KEYS = frozenset({"number", "date", "authority", "content"})
_VIOLATION_KEYS = frozenset({"year", "kind", "member"})
_CCHC_KEYS = frozenset({*CCHC_INDEX_METRICS, "overdue_dossiers", "disciplines"})
_FIGURE_KEYS = frozenset({"actual", "plan"})
_PRODUCTION_KEYS = frozenset({"stable_since", "households_helped", "jobs_created"})
_JUDGEMENT_KEYS = frozenset({"passed", "by", "at", "note"})


def _describe(value: Any) -> str:
    """How a received JSON value is named in an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"giá trị {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"số {value!r}"
    if isinstance(value, str):
        return f"chuỗi “{value}”"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một đối tượng"
    return type(value).__name__


def _choices(allowed: Iterable[str]) -> str:
    return ", ".join(sorted(allowed))


def _bad(problem: str) -> CaseError:
    """An error about the value being read; containers add the path (:meth:`CaseError.within`)."""
    return CaseError("", problem)


# Scalar readers test ``type(value) is int`` rather than isinstance: bool is an int subclass,
# and `true` for a count is a mistake, not 1 (the exact test is also the faster one).


def _integer(value: Any, minimum: int | None = None) -> int:
    if type(value) is not int:
        raise _bad(f"phải là số nguyên, nhận được {_describe(value)}.")
    if minimum is not None and value < minimum:
        raise _bad(f"không được nhỏ hơn {minimum}, nhận được {value}.")
    return value


def _year(value: Any) -> int:
    if not YEAR_MIN <= _integer(value) <= YEAR_MAX:
        raise _bad(f"năm {value} không hợp lệ (phải từ {YEAR_MIN} đến {YEAR_MAX}).")
    return value


def _year_key(key: Any) -> int:
    """Object keys are strings in JSON ("2025"); Python callers may pass ints."""
    year = _YEAR_KEYS.get(key) if type(key) is str else None
    if year is not None:
        return year
    if type(key) is not int:
        raise _bad(f"khóa phải là một năm (ví dụ “2025”), nhận được {_describe(key)}.")
    return _year(key)


def _number(value: Any, minimum: float | None = None, maximum: float | None = None) -> float:
    kind = type(value)
    if not (kind is int or (kind is float and math.isfinite(value))):
        raise _bad(f"phải là một số, nhận được {_describe(value)}.")
    if minimum is not None and value < minimum:
        raise _bad(f"không được nhỏ hơn {minimum}, nhận được {value}.")
    if maximum is not None and value > maximum:
        raise _bad(f"không được lớn hơn {maximum}, nhận được {value}.")
    return value


def _percent(value: Any) -> float:
    return _number(value, 0, 100)


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise _bad(f"phải là true hoặc false, nhận được {_describe(value)}.")
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _bad(f"phải là chuỗi ký tự, nhận được {_describe(value)}.")
    return clean(value) or None


def _choice(value: Any, allowed: frozenset[str], what: str) -> str:
    if type(value) is not str:
        raise _bad(f"phải là chuỗi ký tự, nhận được {_describe(value)}.")
    if value in allowed:
        return value
    key = clean(value)  # " tot " or a decomposed "đ" is still the key that was meant
    if key not in allowed:
        raise _bad(f"{what} “{value}” không hợp lệ (chọn một trong: {_choices(allowed)}).")
    return key


def _object(value: Any, keys: frozenset[str] | None = None) -> dict[Any, Any]:
    if type(value) is not dict:
        raise _bad(f"phải là một đối tượng JSON, nhận được {_describe(value)}.")
    if keys is not None and not keys.issuperset(value):
        unknown = ", ".join(str(k) for k in value if k not in keys)
        raise _bad(f"khóa không được hỗ trợ: {unknown} (các khóa hợp lệ: {_choices(keys)}).")
    return value


def _array(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _bad(f"phải là một danh sách, nhận được {_describe(value)}.")
    return value


def _each(value: Any, read: Callable[[Any], Any]) -> tuple[Any, ...]:
    """A JSON list read item by item; an error names the item's index."""
    out = []
    for index, item in enumerate(_array(value)):
        try:
            out.append(read(item))
        except CaseError as error:
            raise error.within(index) from None
    return tuple(out)


def _member(item: dict[str, Any], key: str, read: Callable[[Any], Any]) -> Any:
    """``read(item[key])``, the error naming ``key``; a missing key or null gives None."""
    value = item.get(key)
    if value is None:
        return None
    try:
        return read(value)
    except CaseError as error:
        raise error.within(key) from None


def _required(item: dict[str, Any], key: str, read: Callable[[Any], Any]) -> Any:
    if item.get(key) is None:
        raise CaseError(key, "thiếu khóa bắt buộc.")
    return _member(item, key, read)


def _by_year(value: Any, read: Callable[[Any], Any]) -> Mapping[int, Any]:
    """``{"<year>": item}`` with each item read by ``read``; duplicate years refused."""
    out: dict[int, Any] = {}
    for key, item in _object(value).items():
        try:
            year = _year_key(key)
            if year in out:
                raise _bad(f"năm {year} bị khai báo hai lần.")
            out[year] = read(item)
        except CaseError as error:
            raise error.within(str(key)) from None  # a year key, never a list index
    return MappingProxyType(out)


def _document(value: Any) -> Document:
    item = _object(value, _DOCUMENT_KEYS)
    return Document(**{key: _member(item, key, _text) for key in item})


def _documents(value: Any) -> tuple[Document, ...]:
    return _each(value, _document)


class CaseParser:
    """Reads the JSON object into a :class:`Case`'s keyword arguments; one ``read_<key>`` per
    top-level key (``top_keys``: the case's attributes)."""

    def __init__(self, vocabulary: Vocabulary, top_keys: frozenset[str]):
        self.vocab = vocabulary
        self.top_keys = top_keys

    def parse(self, data: Any) -> dict[str, Any]:
        if type(data) is not dict:
            raise _bad(f"Dữ liệu hồ sơ phải là một đối tượng JSON, nhận được {_describe(data)}.")
        _object(data, self.top_keys)
        values: dict[str, Any] = {
            "kind": _required(data, "kind", self.read_kind),
            "year": _required(data, "year", _year),
        }
        for key in data:
            if key not in values:
                # null is the same as leaving the key out: not provided (None)
                values[key] = _member(data, key, getattr(self, f"read_{key}"))
        return values

    def read_kind(self, raw: Any) -> str:
        return _choice(raw, self.vocab.kinds, "loại đối tượng")

    def read_field(self, raw: Any) -> str:
        if self.vocab.field_keys is not None:
            return _choice(raw, self.vocab.field_keys, "lĩnh vực")
        key = _text(raw)
        if key is None:
            raise _bad("không được để trống (dùng null nếu chưa có lĩnh vực).")
        return key

    def read_rated(self, raw: Any) -> bool:
        return _boolean(raw)

    def read_ratings(self, raw: Any) -> Mapping[int, str]:
        allowed = self.vocab.rating_keys
        return _by_year(raw, lambda value: _choice(value, allowed, "mức xếp loại"))

    def read_recognitions(self, raw: Any) -> tuple[Document, ...]:
        return _documents(raw)

    def read_charity_commendations(self, raw: Any) -> tuple[Document, ...]:
        return _documents(raw)

    def read_cultural_family_years(self, raw: Any) -> frozenset[int]:
        return frozenset(_each(raw, _year))

    def read_violations(self, raw: Any) -> tuple[Violation, ...]:
        return _each(raw, self.read_violation)

    def read_violation(self, raw: Any) -> Violation:
        item = _object(raw, _VIOLATION_KEYS)
        allowed = self.vocab.violation_kinds
        return Violation(
            year=_required(item, "year", _year),
            kind=_required(item, "kind", lambda value: _choice(value, allowed, "loại vi phạm")),
            member=_member(item, "member", _text),
        )

    def read_cchc(self, raw: Any) -> Mapping[int, CchcYear]:
        return _by_year(raw, self.read_cchc_year)

    def read_cchc_year(self, raw: Any) -> CchcYear:
        item = _object(raw, _CCHC_KEYS)
        return CchcYear(
            par_index=_member(item, "par_index", _percent),
            satisfaction=_member(item, "satisfaction", _percent),
            overdue_dossiers=_member(item, "overdue_dossiers", lambda v: _integer(v, 0)),
            disciplines=_member(item, "disciplines", self.read_disciplines),
        )

    def read_disciplines(self, raw: Any) -> tuple[str, ...]:
        allowed = self.vocab.discipline_keys
        return _each(raw, lambda value: _choice(value, allowed, "hình thức kỷ luật"))

    def read_cchc_initiative(self, raw: Any) -> bool:
        return _boolean(raw)

    def read_business(self, raw: Any) -> Mapping[int, Mapping[str, Figure]]:
        return _by_year(raw, self.read_business_year)

    def read_business_year(self, raw: Any) -> Mapping[str, Figure]:
        item = _object(raw, self.vocab.business_metrics)
        figures = {metric: _member(item, metric, _figure) for metric in item}
        return MappingProxyType({k: v for k, v in figures.items() if v is not None})

    def read_tax_arrears(self, raw: Any) -> float:
        return _number(raw, 0)

    def read_household_production(self, raw: Any) -> HouseholdProduction:
        item = _object(raw, _PRODUCTION_KEYS)
        return HouseholdProduction(
            stable_since=_member(item, "stable_since", _year),
            households_helped=_member(item, "households_helped", lambda v: _integer(v, 0)),
            jobs_created=_member(item, "jobs_created", lambda v: _integer(v, 0)),
        )

    def read_judgements(self, raw: Any) -> Mapping[str, Judgement]:
        allowed = self.vocab.judgement_codes
        out = {}
        for code in _object(raw):
            if allowed is not None and code not in allowed:
                raise CaseError(
                    str(code),
                    f"“{code}” không phải tiêu chuẩn cần ý kiến thẩm định "
                    f"(chọn một trong: {_choices(allowed)}).",
                )
            judgement = _member(raw, code, _judgement)
            if judgement is None:
                raise CaseError(str(code), "phải là true hoặc false, không được là null.")
            out[code] = judgement
        return MappingProxyType(out)


def _figure(raw: Any) -> Figure:
    # Figures may be negative (a loss is a profit below zero); only finiteness is checked.
    item = _object(raw, _FIGURE_KEYS)
    return Figure(actual=_member(item, "actual", _number), plan=_member(item, "plan", _number))


def _judgement(raw: Any) -> Judgement:
    """``true``/``false``, or ``{"passed", "by", "at", "note"}`` when who and when are known."""
    if type(raw) is bool:
        return Judgement(passed=raw)
    if type(raw) is not dict:
        raise _bad(
            "phải là true, false hoặc một đối tượng {“passed”: …}, "
            f"nhận được {_describe(raw)}."
        )
    item = _object(raw, _JUDGEMENT_KEYS)
    return Judgement(
        passed=_required(item, "passed", _boolean),
        by=_member(item, "by", _text),
        at=_member(item, "at", _text),
        note=_member(item, "note", _text) or "",
    )

