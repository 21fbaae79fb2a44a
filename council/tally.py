"""The council's tally: one pure function, :func:`tally`, used by the web meeting (on the
database's state) and by ``manage.py tally_case`` (on a JSON file). Plain Python — no Django.

The case (issue #13, item 6)::

    {"rule": {"quorum": "2/3", "threshold": "1/2", "basis": "members"|"present"|"cast",
              "strict": bool, "secret": bool},
     "members": [{"id": str, "unit": str, "person": str}],
     "present": [member ids],
     "items": [{"id": str, "unit": str, "unit_ancestors": [unit ids, province excluded],
                "subject_person": str|null, "declared_conflicts": [member ids],
                "ballots": {member id: "approve"|"reject"|"abstain"|any other text}}]}

The definitions, exactly:

* **members** — the number of distinct members of the council (the ``members`` list).
* **present** — the number of distinct ids in ``present`` that are members (an id that is not a
  member is not counted).
* **quorum** — ``present / members >= quorum`` compared as exact fractions
  (:class:`fractions.Fraction`, never floats); a council of 0 members never has a quorum.
* **excluded** (per item, in the order of ``members``) — a member whose ``person`` equals the
  item's ``subject_person`` (the subject), whose ``unit`` is the item's ``unit`` or one of its
  ``unit_ancestors`` (the proposing unit or a superior unit below the province), or whose id is in
  ``declared_conflicts``. An empty or null person / unit never matches.
* **valid ballot** — a ballot whose member is a member, present, not excluded from the item,
  and whose value is ``approve``, ``reject`` or ``abstain``. Every other ballot is counted in
  ``invalid`` and in no base.
* **base** — basis ``members``: the members not excluded from the item (present or not);
  ``present``: the present members not excluded; ``cast``: the valid ballots, abstentions
  included.
* **status** — without quorum every item is ``no_quorum``; otherwise ``passed`` when
  ``base > 0`` and ``approve / base >= threshold`` (``>`` when ``strict``), else ``rejected``.
  A base of 0 never passes.
* ``by_member`` (``{member id: choice}``, the valid ballots only) is on an item only when the
  rule is not secret.

A malformed case (not an object, a missing key, a wrong type, a fraction that is not
``"p/q"`` with ``0 <= p/q <= 1`` and ``q > 0``, a basis that is none of the three, a member id
twice) raises :class:`MalformedCase` with a Vietnamese message.
"""

from __future__ import annotations

import re
from fractions import Fraction

CHOICES = ("approve", "reject", "abstain")
BASES = ("members", "present", "cast")
_FRACTION = re.compile(r"^\s*(\d{1,9})\s*(?:/\s*(\d{1,9})\s*)?$")


class MalformedCase(ValueError):
    """The case does not follow the contract; the message (Vietnamese) says where."""


def parse_fraction(value, where: str) -> Fraction:
    """``"p/q"`` (or an integer ``"p"``) as an exact fraction in [0, 1]."""
    if not isinstance(value, str):
        raise MalformedCase(f"{where}: phải là một phân số dạng chuỗi \"p/q\", ví dụ \"2/3\".")
    match = _FRACTION.match(value)
    if match is None:
        raise MalformedCase(f"{where}: \"{value}\" không phải là phân số dạng \"p/q\".")
    numerator, denominator = int(match[1]), int(match[2] or 1)
    if denominator == 0:
        raise MalformedCase(f"{where}: mẫu số của \"{value}\" bằng 0.")
    fraction = Fraction(numerator, denominator)
    if fraction > 1:
        raise MalformedCase(f"{where}: \"{value}\" lớn hơn 1.")
    return fraction


def _need(obj: dict, key: str, kind, where: str):
    if key not in obj:
        raise MalformedCase(f"{where}: thiếu khóa \"{key}\".")
    value = obj[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python: never accept it where a number or a text is expected.
    if (bool not in kinds and isinstance(value, bool)) or not isinstance(value, kinds):
        names = {str: "chuỗi", bool: "true/false", list: "danh sách", dict: "đối tượng",
                 type(None): "null"}
        raise MalformedCase(f"{where}: \"{key}\" phải là "
                            + " hoặc ".join(names.get(k, k.__name__) for k in kinds) + ".")
    return value


def _strings(values: list, where: str) -> list[str]:
    for value in values:
        if not isinstance(value, str):
            raise MalformedCase(f"{where}: mỗi phần tử phải là một chuỗi (mã thành viên/đơn vị).")
    return values


def _rule(case: dict) -> dict:
    rule = _need(case, "rule", dict, "Tệp")
    basis = _need(rule, "basis", str, "rule")
    if basis not in BASES:
        raise MalformedCase(f"rule: \"basis\" phải là một trong {', '.join(BASES)}, "
                            f"không phải \"{basis}\".")
    return {"quorum": parse_fraction(_need(rule, "quorum", str, "rule"), "rule.quorum"),
            "threshold": parse_fraction(_need(rule, "threshold", str, "rule"), "rule.threshold"),
            "basis": basis, "strict": _need(rule, "strict", bool, "rule"),
            "secret": _need(rule, "secret", bool, "rule")}


def _members(case: dict) -> list[dict]:
    members = _need(case, "members", list, "Tệp")
    seen: set[str] = set()
    out = []
    for i, member in enumerate(members):
        where = f"members[{i}]"
        if not isinstance(member, dict):
            raise MalformedCase(f"{where}: phải là một đối tượng {{\"id\", \"unit\", \"person\"}}.")
        member_id = _need(member, "id", str, where)
        if member_id in seen:
            raise MalformedCase(f"{where}: mã thành viên \"{member_id}\" bị trùng.")
        seen.add(member_id)
        out.append({"id": member_id, "unit": _need(member, "unit", (str, type(None)), where),
                    "person": _need(member, "person", (str, type(None)), where)})
    return out


def _items(case: dict) -> list[dict]:
    items = _need(case, "items", list, "Tệp")
    out = []
    for i, item in enumerate(items):
        where = f"items[{i}]"
        if not isinstance(item, dict):
            raise MalformedCase(f"{where}: phải là một đối tượng.")
        ballots = _need(item, "ballots", dict, where)
        for member_id, value in ballots.items():
            if not isinstance(value, str):
                raise MalformedCase(f"{where}.ballots[\"{member_id}\"]: lá phiếu phải là chuỗi.")
        out.append({
            "id": _need(item, "id", str, where),
            "unit": _need(item, "unit", (str, type(None)), where),
            "unit_ancestors": _strings(_need(item, "unit_ancestors", list, where),
                                       f"{where}.unit_ancestors"),
            "subject_person": _need(item, "subject_person", (str, type(None)), where),
            "declared_conflicts": _strings(_need(item, "declared_conflicts", list, where),
                                           f"{where}.declared_conflicts"),
            "ballots": ballots,
        })
    return out


def _excluded(members: list[dict], item: dict) -> list[str]:
    units = {u for u in [item["unit"], *item["unit_ancestors"]] if u}
    declared = set(item["declared_conflicts"])
    subject = item["subject_person"]
    return [m["id"] for m in members
            if (subject and m["person"] and m["person"] == subject)
            or (m["unit"] and m["unit"] in units)
            or m["id"] in declared]


def _passes(approve: int, base: int, threshold: Fraction, strict: bool) -> bool:
    if base <= 0:
        return False
    share = Fraction(approve, base)
    return share > threshold if strict else share >= threshold


def tally(case) -> dict:
    """The result of a case (see the module's docstring). Raises :class:`MalformedCase`."""
    if not isinstance(case, dict):
        raise MalformedCase("Tệp: nội dung phải là một đối tượng JSON {\"rule\", \"members\", "
                            "\"present\", \"items\"}.")
    rule = _rule(case)
    members = _members(case)
    member_ids = {m["id"] for m in members}
    present_ids = set(_strings(_need(case, "present", list, "Tệp"), "present")) & member_ids
    items = _items(case)

    total, present = len(members), len(present_ids)
    quorum = total > 0 and Fraction(present, total) >= rule["quorum"]
    results = []
    for item in items:
        excluded = _excluded(members, item)
        excluded_set = set(excluded)
        counts = dict.fromkeys(CHOICES, 0)
        invalid = 0
        by_member: dict[str, str] = {}
        for member_id, value in item["ballots"].items():
            if (member_id in present_ids and member_id not in excluded_set
                    and value in CHOICES):
                counts[value] += 1
                by_member[member_id] = value
            else:
                invalid += 1
        if rule["basis"] == "members":
            base = total - len(excluded_set)
        elif rule["basis"] == "present":
            base = len(present_ids - excluded_set)
        else:
            base = sum(counts.values())
        if not quorum:
            status = "no_quorum"
        elif _passes(counts["approve"], base, rule["threshold"], rule["strict"]):
            status = "passed"
        else:
            status = "rejected"
        result = {"id": item["id"], "status": status, "excluded": excluded, "base": base,
                  **counts, "invalid": invalid}
        if not rule["secret"]:
            result["by_member"] = by_member
        results.append(result)
    return {"quorum": quorum, "present": present, "members": total, "items": results}


def fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"
