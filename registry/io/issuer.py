"""The texts of a filled Biểu đăng ký that name the unit issuing it.

The form names its unit twice (``registry.io.document`` writes both): in the header top left —
the superior body ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU") with the unit under it ("SỞ Y TẾ"), often
written by hand as "ĐƠN VỊ: …" — and in the lead sentence ("…, Sở Y tế đăng ký thực hiện như
sau:"). Only text: which units these are is for ``orgs.selectors.resolve_unit`` to say.
"""

import re

from core.text import fold
from guidance.pack import Pack
from registry.io.document import MOTTO, NATION
from registry.io.parsed import ParsedForm

# "ĐƠN VỊ: PHƯỜNG ĐOÀN KẾT", "Tên đơn vị - Sở Y tế", "CƠ QUAN, ĐƠN VỊ: …"
_LABEL = re.compile(r"^(?:ten\s+)?(?:co quan\s*,?\s*)?(?:don vi|co quan)\s*[:.\-–]\s*")
_NOT_A_UNIT = (fold(NATION), fold(MOTTO), "doc lap", "so:")  # "Số: 12/ĐK-UBND"


def issuer_texts(parsed: ParsedForm, pack: Pack) -> list[str]:
    """The lead sentence's unit first, then the header lines above the title, bottom-up (the
    unit is written under its superior body). Lines are folded; duplicates are dropped."""
    title = fold(pack.form.title)
    place = fold(pack.form.place) + ","
    header: list[str] = []
    lead: list[str] = []
    in_header = True
    for line in parsed.unit_lines:
        folded = fold(line)
        if folded == title:
            in_header = False
            continue
        if found := _lead_unit(folded, pack):
            lead.append(found)
        elif in_header and not folded.startswith((*_NOT_A_UNIT, place)):
            header.append(_LABEL.sub("", folded))
    return list(dict.fromkeys(t for t in [*lead, *reversed(header)] if t))


def _lead_unit(folded: str, pack: Pack) -> str:
    """The unit in a lead written like the pack's: "…, <unit> đăng ký thực hiện như sau:"."""
    _before, marker, after = pack.form.lead.partition("{unit_name}")
    words = fold(after).split()[:3]
    if not marker or not words:
        return ""
    match = re.search(r"(?:^|,)\s*([^,]+?)\s+" + re.escape(" ".join(words)), folded)
    return match.group(1).strip() if match else ""


def names_guidance(parsed: ParsedForm, number: str) -> bool:
    """Whether the text above the form's first table (heading, lead sentence) cites the
    guidance ``number``: "Thực hiện Hướng dẫn số 2533/HD-UBND, ngày …", "(Kèm theo Hướng dẫn
    2533/HĐ-UBND)", "2533 / HD - UBND". Compared folded, without spaces around "/" and "-",
    never inside a longer number."""
    wanted = _compact(number)
    if not wanted:
        return False
    pattern = re.compile(r"(?<![0-9a-z])" + re.escape(wanted) + r"(?![0-9a-z])")
    return any(pattern.search(_compact(line)) for line in parsed.unit_lines)


def _compact(text: str) -> str:
    return re.sub(r"\s*([/\-–])\s*", r"\1", re.sub(r"\s+", " ", fold(text)))
