"""What a column of the form holds (its role), recognised from the pack's column key or, in a
filled file, from the header text in folded form — never from the column's position.

Roles are the same for every section; ``person_details`` is the individual's combined cell
"Chức vụ; đơn vị công tác; địa chỉ nơi cư trú".
"""

from collections.abc import Callable

from core.text import fold

NUMBER = "number"
NAME = "name"
ADDRESS = "address"
HEAD_NAME = "head_name"
PERSON_DETAILS = "person_details"
POSITION_TITLE = "position_title"
WORK_UNIT = "work_unit"
FIELD = "field"
SOLUTIONS = "solutions"
NOTES = "notes"
ETHNICITY = "ethnicity"
GENDER = "gender"
BIRTH_YEAR = "birth_year"

# Roles whose text keeps its line breaks.
MULTILINE_ROLES = frozenset({SOLUTIONS, NOTES})
# Roles that are one Exemplar field of the same name.
PLAIN_ROLES = frozenset({ADDRESS, HEAD_NAME, POSITION_TITLE, WORK_UNIT, SOLUTIONS, NOTES,
                         ETHNICITY})

_KEY_ROLES = {
    "stt": NUMBER, "order": NUMBER, "number": NUMBER, "no": NUMBER, "index": NUMBER,
    "position": NUMBER,
    "name": NAME, "unit": NAME, "unit_name": NAME, "full_name": NAME, "household_head": NAME,
    "head_of_household": NAME, "model_name": NAME, "practice_name": NAME,
    "address": ADDRESS, "place": ADDRESS, "location": ADDRESS,
    "head_name": HEAD_NAME, "head": HEAD_NAME, "leader": HEAD_NAME,
    "details": PERSON_DETAILS, "person_details": PERSON_DETAILS,
    "position_work_address": PERSON_DETAILS, "position_unit_address": PERSON_DETAILS,
    "position_title": POSITION_TITLE, "work_unit": WORK_UNIT,
    "field": FIELD, "field_key": FIELD, "fields": FIELD,
    "solutions": SOLUTIONS, "solution": SOLUTIONS, "measures": SOLUTIONS,
    "notes": NOTES, "note": NOTES, "remarks": NOTES,
    "ethnicity": ETHNICITY, "gender": GENDER, "birth_year": BIRTH_YEAR,
}

_NAME_HEADERS = frozenset({
    "don vi", "ten", "ten don vi", "tap the", "ten tap the", "ca nhan", "ho gia dinh",
    "mo hinh", "co quan, don vi", "co quan don vi",
})


def _rule(*needles: str) -> Callable[[str], bool]:
    return lambda header: any(needle in header for needle in needles)


# Order matters: "Người đứng đầu; phụ trách đơn vị" names a person, not the unit, and
# "Chức vụ; đơn vị công tác; địa chỉ…" is one combined column, not an address.
_HEADER_RULES: list[tuple[Callable[[str], bool], str]] = [
    (lambda h: h in {"stt", "tt", "so tt", "so thu tu"} or h.startswith("stt"), NUMBER),
    (_rule("chuc vu"), PERSON_DETAILS),
    (_rule("nguoi dung dau", "phu trach"), HEAD_NAME),
    (_rule("linh vuc"), FIELD),
    (_rule("giai phap", "bien phap"), SOLUTIONS),
    (_rule("ghi chu"), NOTES),
    (_rule("dan toc"), ETHNICITY),
    (_rule("gioi tinh"), GENDER),
    (_rule("nam sinh"), BIRTH_YEAR),
    (_rule("don vi cong tac", "noi cong tac"), WORK_UNIT),
    (lambda h: h in _NAME_HEADERS or any(n in h for n in (
        "ho va ten", "ho ten", "chu ho", "ten mo hinh", "ten don vi", "ten tap the",
        "ten co quan")), NAME),
    (_rule("dia chi", "noi thuc hien", "dia ban"), ADDRESS),
]


def role_of_header(text: str) -> str | None:
    """The role a header cell announces, or ``None`` for text that is not a known header."""
    if len(text) > 160:
        return None
    header = fold(text).strip(" :.*")
    if not header:
        return None
    return next((role for matches, role in _HEADER_RULES if matches(header)), None)


def role_of_column(key: str, header: str) -> str | None:
    """The role of a pack column: its key when known, else its header."""
    return _KEY_ROLES.get(key.strip().lower()) or role_of_header(header)


def kind_from_headers(headers: dict[str, str]) -> str | None:
    """Guess the section from a header row (role → folded header text), or ``None``."""
    name = headers.get(NAME, "")
    if PERSON_DETAILS in headers or POSITION_TITLE in headers:
        return "individual"
    if "chu ho" in name or "ho gia dinh" in name:
        return "household"
    if "mo hinh" in name:
        return "model"
    if HEAD_NAME in headers or "don vi" in name or "tap the" in name or "co quan" in name:
        return "collective"
    if "ho va ten" in name or "ho ten" in name or "ca nhan" in name:
        return "individual"
    return None
