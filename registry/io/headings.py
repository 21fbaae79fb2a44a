"""Recognising a form's structure in its text: section headings, header rows, the numbering
row, and an individual's combined "Chức vụ; đơn vị công tác; địa chỉ" cell."""

import re

from django.utils.translation import gettext as _

from core.text import clean, fold
from guidance.pack import Pack
from registry.io import columns as c

_KEYWORDS = {"collective": ["tap the"], "individual": ["ca nhan"],
             "household": ["ho gia dinh", "gia dinh"], "model": ["mo hinh"]}
_ROMAN = re.compile(r"^(i{1,3}|iv|vi{0,3}|ix|x)\s*[\.\):\-]?\s+(.*)$")
_ARABIC = re.compile(r"^(\d{1,2}|[a-d])\s*[\.\):\-]\s*(.*)$")
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$")
LINE_BREAK = re.compile(r"\r\n|\r|\n|\v|\u2028")


def section_of_heading(text: str, pack: Pack | None = None) -> str | None:
    """The kind a heading names ("II. CÁ NHÂN" → individual), or ``None``."""
    folded = fold(text).strip(" :.")
    if not folded or len(folded) > 80:
        return None
    roman = _ROMAN.match(folded)
    rest, loose = (roman.group(2), True) if roman else (folded, False)
    if not roman and (arabic := _ARABIC.match(folded)):
        rest = arabic.group(2)
    rest = rest.strip(" :.")
    exact = exact_headings(pack)
    if rest in exact:
        return exact[rest]
    if not loose:
        return None
    found = [(rest.find(word), kind) for kind, words in _KEYWORDS.items() for word in words
             if word in rest]
    return min(found)[1] if found else None


def section_place(pack: Pack | None, kind: str) -> str:
    """A section named in the form's own words: "Mục II. Cá nhân" — what error locations use, in
    the web preview and the command alike (never the file's table or row numbers, which
    disagree with the form's numbering)."""
    section = pack.section(kind) if pack is not None else None
    if section is None:
        return _("Mục %(kind)s") % {"kind": pack.kind_label(kind) if pack else kind}
    return _("Mục %(numeral)s. %(heading)s") % {"numeral": section.numeral,
                                               "heading": section.heading.capitalize()}


def row_place(pack: Pack | None, kind: str, row: int) -> str:
    """"Mục II. Cá nhân, dòng 2": the second entry of the section, as the form numbers it."""
    return _("%(section)s, dòng %(row)s") % {"section": section_place(pack, kind), "row": row}


def exact_headings(pack: Pack | None) -> dict[str, str]:
    exact = {word: kind for kind, words in _KEYWORDS.items() for word in words}
    if pack is not None:
        for section in pack.form.sections:
            exact[fold(section.heading)] = section.kind
        for kind in pack.subject_kinds:
            exact[fold(kind.label)] = kind.key
            if kind.plural_label:
                exact[fold(kind.plural_label)] = kind.key
    return exact


def split_person_details(raw: str) -> tuple[str, str, str]:
    """"Chức vụ; đơn vị công tác; địa chỉ nơi cư trú" → its three parts: one a line when the
    cell has several lines (an empty line keeps its place), else split on ";"."""
    lines = LINE_BREAK.split(raw or "")
    while lines and not clean(lines[-1]):
        lines.pop()
    parts = lines if len(lines) > 1 else (lines[0].split(";") if lines else [])
    parts = [clean(p).strip(" ;,") for p in parts]
    if len(parts) > 3:
        parts = [parts[0], parts[1], "; ".join(p for p in parts[2:] if p)]
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def is_numbering(present: list[str]) -> bool:
    """The row "(1) (2) (3)…" (or "1 2 3…") that forms often put under the header."""
    return len(present) >= 3 and all(_NUMBERING_CELL.match(t) for t in present)


def header_mapping(texts: list[str]) -> dict[int, str] | None:
    """Cell index → role when the row is a header row (it names the entry and its field, or
    the entry and two other known columns); merged cells repeat, the first one counts."""
    mapping: dict[int, str] = {}
    for index, text in enumerate(texts):
        role = c.role_of_header(text) if text else None
        if role and role not in mapping.values():
            mapping[index] = role
    roles = set(mapping.values())
    if c.NAME in roles and (c.FIELD in roles or len(roles) >= 3):
        return mapping
    return None
