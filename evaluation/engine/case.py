"""One exemplar's evidence, as the criteria engine sees it — plain Python, no Django import.

A :class:`Case` is built from the JSON contract of ``evaluate_case`` (``docs/evaluation.md``) by
:meth:`Case.from_json`, or directly by product code that reads evidence from the database.

The one rule that shapes every attribute: **absent is not empty.** ``None`` means the kind of
evidence was never provided, so the criteria that need it are ``unknown``; an empty tuple or
mapping is a fact ("no recognition at all") and is judged. Parsing therefore never turns a
missing key into an empty value, nor the other way round.

Malformed input raises :class:`CaseError` whose message is Vietnamese and names the key path
(``cchc.2025.par_index``), so a clerk can fix the file without reading code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from core.text import clean

YEAR_MIN = 1900  # sanity bounds that catch "25" for 2025; not a rule of the guidance
YEAR_MAX = 2100
# JSON object keys are strings; the valid ones, ready-made (also the range check).
_YEAR_KEYS = {str(year): year for year in range(YEAR_MIN, YEAR_MAX + 1)}


class CaseError(ValueError):
    """Malformed evidence; ``path`` is the offending key (``violations[2].year``), "" the root."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        where = f"“{path}”: " if path else ""
        super().__init__(f"{where}{problem}")

    def within(self, part: str | int) -> CaseError:
        """The same error one level up: ``par_index`` inside ``2025`` is ``2025.par_index``.

        Readers raise with the path relative to the value they read and each container adds its
        key while the error travels up, so the happy path never formats a path string.
        """
        head = f"[{part}]" if isinstance(part, int) else str(part)
        tail = self.path
        if tail and not tail.startswith("["):
            tail = "." + tail
        return CaseError(head + tail, self.problem)


# --- the values a case holds --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    """A decision or certificate (recognition, charity commendation): number, date, who, what."""

    number: str | None = None
    date: str | None = None
    authority: str | None = None
    content: str | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A violation by a household member in ``year`` (law, traffic safety, social evils)."""

    year: int
    kind: str
    member: str | None = None


@dataclass(frozen=True, slots=True)
class CchcYear:
    """Administrative-reform results of one year; each attribute may be absent on its own."""

    par_index: float | None = None
    satisfaction: float | None = None
    overdue_dossiers: int | None = None
    disciplines: tuple[str, ...] | None = None  # keys of the pack's discipline scale


# The CchcYear attributes that a criterion's ``metric`` parameter may name.
CCHC_INDEX_METRICS = ("par_index", "satisfaction")


@dataclass(frozen=True, slots=True)
class Figure:
    """One business metric of one year. A missing plan means only growth can be judged."""

    actual: float | None = None
    plan: float | None = None


@dataclass(frozen=True, slots=True)
class HouseholdProduction:
    stable_since: int | None = None
    households_helped: int | None = None
    jobs_created: int | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """A reviewer's decision on a judgement criterion, kept with who and when for the checklist."""

    passed: bool
    by: str | None = None
    at: str | None = None  # ISO date or date-time as recorded
    note: str = ""


# --- what names are allowed -------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The keys a case may use. The default is the ``evaluate_case`` contract of issue 4; the
    engine derives a stricter one from a pack (``Evaluator.vocabulary``), which also knows the
    field keys and the criteria codes that take judgements (``None`` there: not checked)."""

    kinds: frozenset[str] = frozenset({"collective", "individual", "household", "model"})
    rating_keys: frozenset[str] = frozenset({"xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"})
    discipline_keys: frozenset[str] = frozenset(
        {"khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"}
    )
    violation_kinds: frozenset[str] = frozenset({"law", "traffic", "social_evil"})
    business_metrics: frozenset[str] = frozenset({"revenue", "budget", "profit"})
    field_keys: frozenset[str] | None = None
    judgement_codes: frozenset[str] | None = None


DEFAULT_VOCABULARY = Vocabulary()


# --- the case -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One exemplar's evidence for proposal year ``year``. ``None`` = not provided (see module)."""

    kind: str
    year: int
    field: str | None = None
    rated: bool | None = None  # subject to annual rating; None = not stated
    ratings: Mapping[int, str] | None = None
    recognitions: tuple[Document, ...] | None = None
    cultural_family_years: frozenset[int] | None = None
    violations: tuple[Violation, ...] | None = None
    cchc: Mapping[int, CchcYear] | None = None
    cchc_initiative: bool | None = None
    business: Mapping[int, Mapping[str, Figure]] | None = None
    tax_arrears: float | None = None
    household_production: HouseholdProduction | None = None
    charity_commendations: tuple[Document, ...] | None = None
    judgements: Mapping[str, Judgement] | None = None

    def __post_init__(self) -> None:
        # Product code may pass plain dicts, lists and sets; freeze them so a Case stays a value.
        for name, value in (
            ("ratings", self.ratings),
            ("cchc", self.cchc),
            ("business", self.business),
            ("judgements", self.judgements),
        ):
            if isinstance(value, dict):
                object.__setattr__(self, name, MappingProxyType(value))
        for name in ("recognitions", "violations", "charity_commendations"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        if isinstance(self.cultural_family_years, set | list | tuple):
            object.__setattr__(self, "cultural_family_years", frozenset(self.cultural_family_years))

    @classmethod
    def from_json(cls, data: Any, *, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Case:
        """Parse the ``evaluate_case`` JSON object; raise :class:`CaseError` on anything malformed.

        Unknown keys are refused rather than ignored: a typo such as ``rating`` would otherwise
        silently turn evidence into "not provided".
        """
        return _CaseParser(vocabulary).parse(data)

    def to_json(self) -> dict[str, Any]:
        """The inverse of :meth:`from_json` (absent keys left out), e.g. to store a snapshot."""
        out: dict[str, Any] = {"kind": self.kind, "year": self.year}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in out or value is None:
                continue
            out[f.name] = _to_json(f.name, value)
        return out


def _to_json(name: str, value: Any) -> Any:
    if name == "cultural_family_years":
        return sorted(value)
    if name == "judgements":
        return {code: _plain(j) for code, j in value.items()}
    if name in ("ratings", "cchc"):
        return {str(year): _plain(item) for year, item in sorted(value.items())}
    if name == "business":
        return {
            str(year): {metric: _plain(fig) for metric, fig in metrics.items()}
            for year, metrics in sorted(value.items())
        }
    return _plain(value)


def _plain(value: Any) -> Any:
    """Dataclasses to dicts without their ``None`` attributes; tuples to lists."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if getattr(value, f.name) is not None
        }
    return value


# --- parsing ----------------------------------------------------------------------------------

_TOP_KEYS = frozenset(f.name for f in fields(Case))
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


class _CaseParser:
    """Turns the JSON object into a :class:`Case`; one ``read_<key>`` per top-level key."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocab = vocabulary

    def parse(self, data: Any) -> Case:
        if type(data) is not dict:
            raise _bad(f"Dữ liệu hồ sơ phải là một đối tượng JSON, nhận được {_describe(data)}.")
        _object(data, _TOP_KEYS)
        values: dict[str, Any] = {
            "kind": _required(data, "kind", self.read_kind),
            "year": _required(data, "year", _year),
        }
        for key in data:
            if key not in values:
                # null is the same as leaving the key out: not provided (None)
                values[key] = _member(data, key, getattr(self, f"read_{key}"))
        return Case(**values)

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


__all__ = [
    "CCHC_INDEX_METRICS",
    "DEFAULT_VOCABULARY",
    "Case",
    "CaseError",
    "CchcYear",
    "Document",
    "Figure",
    "HouseholdProduction",
    "Judgement",
    "Violation",
    "Vocabulary",
]
