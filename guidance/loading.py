"""Reading guidance-pack files (YAML or JSON) and loading them into the database.

``read_pack_file`` turns a file into a validated :class:`~guidance.pack.Pack` or raises
:class:`PackError` listing every problem as a Vietnamese line that starts with its place in the
file (``criteria[3].params.min: phải là số``), so whoever edits a pack can fix all of it in one
pass. ``load_pack`` and ``ensure_reference_campaign`` write through ``guidance.services``.
"""

import datetime
import json
import unicodedata
from collections.abc import Hashable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from core.errors import DomainError
from guidance import selectors, services
from guidance.checks import Problem, format_loc
from guidance.models import Campaign, CampaignStatus, GuidancePack
from guidance.pack import DEFER_CROSS_CHECKS, Pack

PACKS_DIR = Path(__file__).resolve().parent / "packs"
SHIPPED_PACK = "2533-HD-UBND.yaml"
PackFormat = Literal["yaml", "json"]


class PackError(DomainError):
    """A pack file that cannot be used; ``errors`` holds one located Vietnamese line each."""

    def __init__(self, errors: list[str], *, source: str = ""):
        self.errors = errors
        where = f" {source}" if source else ""
        lines = "\n".join(f"- {line}" for line in errors)
        super().__init__(f"Bộ hướng dẫn{where} không hợp lệ ({len(errors)} lỗi):\n{lines}")


def shipped_pack_path() -> Path:
    """The pack of guidance 2533/HD-UBND that ships with the system."""
    return PACKS_DIR / SHIPPED_PACK


# --- reading -----------------------------------------------------------------------------------
class _SyntaxError(Exception):
    """A file that does not parse; the message is one located Vietnamese line."""


class _RepeatedKey(yaml.constructor.ConstructorError):
    pass


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys without a word; in a hand-edited pack that hides
    a mistake (two ``params:`` under one criterion), so a repeated key is an error here."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Hashable] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, Hashable):
            continue  # construct_mapping reports unhashable keys itself
        if key in seen:
            raise _RepeatedKey(None, None, f"khóa '{key}' bị lặp lại", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"khóa '{repeated[0]}' bị lặp lại")
    return dict(pairs)


def _parse(text: str, fmt: PackFormat) -> Any:
    """The file's data, or a one-line PackError message (with line and column) on bad syntax."""
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_object)
        except json.JSONDecodeError as error:
            raise _SyntaxError(f"dòng {error.lineno}, cột {error.colno}: lỗi cú pháp JSON "
                               f"({error.msg})") from error
        except ValueError as error:
            raise _SyntaxError(f"lỗi JSON: {error}") from error
    try:
        # A SafeLoader subclass: builds plain data only, never arbitrary Python objects.
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        place = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        if isinstance(error, _RepeatedKey):
            raise _SyntaxError(f"{place}{error.problem}") from error
        raise _SyntaxError(f"{place}lỗi cú pháp YAML ({error.problem})") from error
    except yaml.YAMLError as error:
        raise _SyntaxError(f"lỗi cú pháp YAML ({error})") from error


def _nfc(value: Any) -> Any:
    """Every string (keys too) in NFC: files typed on macOS or pasted from PDFs arrive in NFD,
    and an NFD "Đảng" neither equals nor sorts with the NFC one the rest of the system stores."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


_OS_ERRORS: dict[type[OSError], str] = {
    FileNotFoundError: "không có tệp này",
    IsADirectoryError: "đây là một thư mục",
    PermissionError: "không có quyền đọc",
}


def read_pack_file(path: str | Path, *, fmt: PackFormat | None = None) -> Pack:
    """Parse and validate a pack file; JSON if ``fmt`` says so or the name ends in ``.json``,
    YAML otherwise. Raises :class:`PackError` listing every problem with its place."""
    path = Path(path)
    fmt = fmt or ("json" if path.suffix.lower() == ".json" else "yaml")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        reason = _OS_ERRORS.get(type(error), error.strerror or str(error))
        raise PackError([f"không đọc được tệp ({reason})"], source=str(path)) from error
    except UnicodeDecodeError as error:
        raise PackError([f"tệp không phải UTF-8 (byte thứ {error.start})"],
                        source=str(path)) from error
    try:
        data = _nfc(_parse(text, fmt))
    except _SyntaxError as error:
        raise PackError([str(error)], source=str(path)) from error
    return validate_pack(data, source=str(path))


def validate_pack(data: Any, *, source: str = "") -> Pack:
    """Validate already-parsed pack data; see :func:`read_pack_file`."""
    if not isinstance(data, dict):
        raise PackError(["tệp phải là một bảng các mục `khóa: giá trị` ở cấp ngoài cùng"],
                        source=source)
    try:
        pack = Pack.model_validate(data, context={DEFER_CROSS_CHECKS: True})
    except ValidationError as error:
        # Shape errors first: the cross checks need a well-formed pack to run at all.
        raise PackError(describe_errors(error.errors()), source=source) from error
    problems = pack.problems() + _unit_type_problems(pack)
    if problems:
        raise PackError(describe_errors(problems), source=source)
    return pack


def _unit_type_problems(pack: Pack) -> list[Problem]:
    # Unit types belong to the orgs app; the pure pack schema cannot know them.
    from orgs.models import UnitType

    return [
        {"type": "pack_check", "loc": ("quotas", q, "unit_types", u),
         "msg": f"loại đơn vị '{value}' không có (các loại: {', '.join(UnitType.values)})",
         "input": value}
        for q, quota in enumerate(pack.quotas)
        for u, value in enumerate(quota.unit_types)
        if value not in UnitType.values
    ]


# --- describing errors -------------------------------------------------------------------------
_MESSAGES: dict[str, str] = {
    "missing": "thiếu mục bắt buộc",
    "extra_forbidden": "mục không có trong định dạng (sai tên mục?)",
    "string_type": "phải là chuỗi văn bản",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách",
    "dict_type": "phải là một bảng các mục `khóa: giá trị`",
    "model_type": "phải là một bảng các mục `khóa: giá trị`",
    "model_attributes_type": "phải là một bảng các mục `khóa: giá trị`",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày, không kèm giờ",
    "literal_error": "phải là một trong: {expected}",
    "string_pattern_mismatch": "không đúng mẫu {pattern}",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "too_short": "cần ít nhất {min_length} phần tử",
    "too_long": "nhiều nhất {max_length} phần tử",
}
# Errors about a value's type also show the value, so the line at fault is easy to spot.
_SHOW_INPUT = {"string_type", "int_type", "int_parsing", "int_from_float", "float_type",
               "float_parsing", "bool_type", "bool_parsing", "date_parsing", "date_type",
               "date_from_datetime_parsing", "date_from_datetime_inexact",
               "literal_error", "string_pattern_mismatch", "greater_than_equal", "greater_than",
               "less_than_equal", "less_than", "list_type", "dict_type", "model_type"}


def _describe(error: Problem) -> str:
    kind = error.get("type", "")
    template = _MESSAGES.get(kind)
    if template is None:
        message = str(error.get("msg", "")).removeprefix("Value error, ")
    else:
        # 100.0 → 100: pydantic turns a float field's bounds into floats.
        context = {k: int(v) if isinstance(v, float) and v.is_integer() else v
                   for k, v in (error.get("ctx") or {}).items()}
        if "expected" in context:  # pydantic lists literals as "'a', 'b' or 'c'"
            context["expected"] = str(context["expected"]).replace("' or '", "' hoặc '")
        try:
            message = template.format(**context)
        except (KeyError, IndexError):
            message = template
    if kind in _SHOW_INPUT and "input" in error:
        shown = repr(error["input"])
        message += f" (giá trị: {shown[:60]}{'…' if len(shown) > 60 else ''})"
    return f"{format_loc(error.get('loc', ()))}: {message}"


def describe_errors(errors: list[Problem]) -> list[str]:
    """One Vietnamese line per error, ``<place in the file>: <what is wrong>``.

    Pydantic lists the errors of known keys in the schema's order, then unknown keys."""
    return [_describe(error) for error in errors]


# --- loading -----------------------------------------------------------------------------------
REFERENCE_PACK_CODE = "2533/HD-UBND"
# The campaign that guidance 2533 serves. The guidance fixes no deadline or review date: these
# are the standing office's working dates, set once here and edited afterwards in the admin
# (a refresh never overwrites them; see docs/guidance-packs.md).
REFERENCE_CAMPAIGN: dict[str, Any] = {
    "code": "2533-2022-2025",
    "name": ("Xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến "
             "giai đoạn 2022 - 2025"),
    "period_start_year": 2022,
    "period_end_year": 2025,
    "proposal_year": 2025,
    "registration_deadline": datetime.date(2026, 12, 15),
    "interim_review_on": datetime.date(2024, 12, 31),
    "final_review_on": datetime.date(2026, 12, 31),
    "status": CampaignStatus.OPEN,
}


def load_pack(path: str | Path, *, acting_user=None, fmt: PackFormat | None = None) -> GuidancePack:
    """Read, validate and store a pack file (idempotent on its code and version).

    Side effects: those of :func:`guidance.services.upsert_pack` (save, audit log).
    """
    record, _outcome = services.upsert_pack(pack=read_pack_file(path, fmt=fmt),
                                            acting_user=acting_user)
    return record


def ensure_reference_campaign(*, acting_user=None) -> Campaign:
    """Create the 2022–2025 campaign of guidance 2533 if missing (with the latest stored
    version of the pack); an existing campaign is returned untouched — it keeps the version it
    uses, whatever versions were loaded since, and the dates and status the standing office set.

    Loads the shipped pack first when no version of 2533/HD-UBND is in the database. Side effects:
    those of :func:`load_pack` and :func:`guidance.services.ensure_campaign`.
    """
    record = selectors.latest_pack(REFERENCE_PACK_CODE)
    if record is None:
        record = load_pack(shipped_pack_path(), acting_user=acting_user)
    return services.ensure_campaign(values=REFERENCE_CAMPAIGN, pack=record,
                                    acting_user=acting_user)
