"""Checks of a pack's parts against each other (references, duplicates, measure parameters).

Pydantic checks each value's shape; these checks need the whole pack. Every problem is shaped
like a pydantic error (``type``, ``loc``, ``msg``, ``input``) and located at the exact place in
the file (``criteria[12].fields[0]``), so loading reports both kinds of error the same way and
an editor can go straight to the line at fault. Plain Python, no Django import.
"""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from guidance.measures import LEVEL_PARAMS, MEASURES

if TYPE_CHECKING:
    from guidance.pack import Pack

Loc = tuple[str | int, ...]
Problem = dict[str, Any]


def format_loc(loc: Sequence[str | int]) -> str:
    """``("criteria", 3, "params", "min")`` → ``criteria[3].params.min``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":  # pydantic's marker for a bad dictionary key
            out += " (khóa)"
        else:
            out += f".{part}" if out else str(part)
    return out or "(toàn bộ tệp)"


def _problem(loc: Loc, msg: str, value: Any = None) -> Problem:
    return {"type": "pack_check", "loc": loc, "msg": msg, "input": value}


def _duplicates(items: Iterable[Any], attr: str, where: Loc, what: str) -> list[Problem]:
    """One problem per repeated value, at the repeat, naming where it first appeared."""
    first_seen: dict[Any, int] = {}
    problems = []
    for index, item in enumerate(items):
        value = getattr(item, attr)
        if value in first_seen:
            first = format_loc((*where, first_seen[value], attr))
            problems.append(_problem((*where, index, attr), f"{what} '{value}' trùng với {first}",
                                     value))
        else:
            first_seen[value] = index
    return problems


def _check_fields(pack: "Pack") -> list[Problem]:
    problems = _duplicates(pack.fields, "key", ("fields",), "mã lĩnh vực")
    by_key = {f.key: f for f in pack.fields}
    parents = {f.parent for f in pack.fields if f.parent}
    for index, field in enumerate(pack.fields):
        parent = by_key.get(field.parent) if field.parent else None
        if field.parent and parent is None:
            problems.append(_problem(("fields", index, "parent"),
                                     f"lĩnh vực cha '{field.parent}' không có trong fields",
                                     field.parent))
        elif parent is not None and parent.parent:
            problems.append(_problem(("fields", index, "parent"),
                                     "chỉ hỗ trợ một cấp lĩnh vực con", field.parent))
        # A heading with sub-fields is never chosen itself, or one exemplar could sit in both.
        if field.key in parents and field.selectable:
            problems.append(_problem(("fields", index, "selectable"),
                                     "lĩnh vực có lĩnh vực con phải đặt selectable: false", True))
    return problems


def _check_criterion(pack: "Pack", index: int, kinds: set[str]) -> list[Problem]:
    criterion = pack.criteria[index]
    here: Loc = ("criteria", index)
    problems = []
    if not criterion.kinds:
        problems.append(_problem((*here, "kinds"), "cần ít nhất một loại đối tượng", []))
    for k, kind in enumerate(criterion.kinds):
        if kind not in kinds:
            problems.append(_problem((*here, "kinds", k),
                                     f"loại đối tượng '{kind}' không có trong subject_kinds", kind))
    field_keys = {f.key for f in pack.fields}
    for k, key in enumerate(criterion.fields or []):
        if key not in field_keys:
            problems.append(_problem((*here, "fields", k),
                                     f"lĩnh vực '{key}' không có trong fields", key))
    schema = MEASURES.get(criterion.measure)
    if schema is None:
        message = (f"không có quy tắc '{criterion.measure}' "
                   f"(các quy tắc có: {', '.join(sorted(MEASURES))})")
        return [*problems, _problem((*here, "measure"), message, criterion.measure)]
    try:
        schema.model_validate(criterion.params)
    except ValidationError as error:
        for item in error.errors():
            problems.append({**item, "loc": (*here, "params", *item["loc"])})
        return problems
    for (measure, param), scale in LEVEL_PARAMS.items():
        value = criterion.params.get(param)
        if measure == criterion.measure and value not in {lv.key for lv in getattr(pack, scale)}:
            problems.append(_problem((*here, "params", param),
                                     f"mức '{value}' không có trong {scale}", value))
    return problems


def _check_quotas(pack: "Pack", kinds: set[str]) -> list[Problem]:
    problems = []
    for index, quota in enumerate(pack.quotas):
        if quota.valid_from and quota.valid_to and quota.valid_to < quota.valid_from:
            problems.append(_problem(("quotas", index, "valid_to"), "trước valid_from",
                                     quota.valid_to))
        if not quota.unit_types:
            problems.append(_problem(("quotas", index, "unit_types"),
                                     "cần ít nhất một loại đơn vị", []))
        for kind, minimum in quota.minimums.items():
            if kind not in kinds:
                problems.append(_problem(("quotas", index, "minimums", kind),
                                         "loại đối tượng không có trong subject_kinds", kind))
            if minimum < 0:
                problems.append(_problem(("quotas", index, "minimums", kind),
                                         "không được là số âm", minimum))
    return problems


def _check_form(pack: "Pack", kinds: set[str]) -> list[Problem]:
    problems = _duplicates(pack.form.sections, "kind", ("form", "sections"), "loại đối tượng")
    for index, section in enumerate(pack.form.sections):
        here: Loc = ("form", "sections", index)
        if section.kind not in kinds:
            problems.append(_problem((*here, "kind"),
                                     "loại đối tượng không có trong subject_kinds", section.kind))
        problems += _duplicates(section.columns, "key", (*here, "columns"), "mã cột")
    return problems


def cross_check(pack: "Pack") -> list[Problem]:
    """Every problem of the pack that needs more than one value to see, in file order."""
    kinds = {k.key for k in pack.subject_kinds}
    problems: list[Problem] = []
    if pack.valid_to is not None and pack.valid_to < pack.valid_from:
        problems.append(_problem(("valid_to",), "trước valid_from", pack.valid_to))
    problems += _duplicates(pack.subject_kinds, "key", ("subject_kinds",), "loại đối tượng")
    for scale in ("ratings", "disciplines"):
        levels = getattr(pack, scale)
        problems += _duplicates(levels, "key", (scale,), "mức")
        problems += _duplicates(levels, "rank", (scale,), "thứ hạng")
    problems += _check_fields(pack)
    problems += _duplicates(pack.criteria, "code", ("criteria",), "mã tiêu chuẩn")
    for index in range(len(pack.criteria)):
        problems += _check_criterion(pack, index, kinds)
    problems += _check_quotas(pack, kinds)
    problems += _check_form(pack, kinds)
    return problems

