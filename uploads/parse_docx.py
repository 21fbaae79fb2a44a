"""A Word document (a filled form) → blocks of cell texts, in the order of the document body.

python-docx opens the package (its lxml parser does not resolve entities; ``safety`` has already
refused any DTD); the body is then walked directly, which is linear in the table size where
python-docx's cell grid is not. Merged cells: a cell spanning several grid columns gives its text
to the first one; a vertically merged cell repeats its text on every row it spans. Tracked
insertions count, deletions do not; line breaks and paragraphs inside a cell become "\\n".
"""

import io

from django.utils.translation import gettext as _

from uploads.blocks import Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{W}{t}" for t in
                                          ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_R, _T, _TAB, _BR, _CR = (f"{W}{t}" for t in ("r", "t", "tab", "br", "cr"))
_VAL = f"{W}val"


def docx_blocks(data: bytes) -> list[Block]:
    from docx import Document

    body = Document(io.BytesIO(data)).element.body
    blocks: list[Block] = []
    paragraphs: list[str] = []
    tables = 0

    def flush() -> None:
        if paragraphs:
            blocks.append(Block(_("đoạn văn"), [(n, [t]) for n, t in enumerate(paragraphs, 1)],
                                is_table=False))
            paragraphs.clear()

    for element in _body_elements(body):
        if element.tag == _P:
            text = paragraph_text(element)
            if text.strip():
                paragraphs.append(text)
        else:
            flush()
            tables += 1
            blocks.append(Block(_("Bảng %(number)s") % {"number": tables}, table_rows(element),
                                continues=True))
    flush()
    return blocks


def _body_elements(parent):
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_elements(content)


def paragraph_text(paragraph) -> str:
    parts: list[str] = []
    for run in paragraph.iter(_R):
        for child in run:
            if child.tag == _T:
                parts.append(child.text or "")
            elif child.tag == _TAB:
                parts.append(" ")
            elif child.tag in (_BR, _CR):
                parts.append("\n")
    return "".join(parts)


def _cells(tr):
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from (tc for tc in content.iterchildren() if tc.tag == _TC)


def _int_property(parent, path: str, default: int) -> int:
    found = parent.find(path) if parent is not None else None
    try:
        return int(found.get(_VAL)) if found is not None else default
    except (TypeError, ValueError):
        return default


def table_rows(tbl) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    merged_text: dict[int, str] = {}  # grid column → text of the cell that began a vMerge
    for number, tr in enumerate(tbl.iterchildren(_TR), start=1):
        column = _int_property(tr.find(f"{W}trPr"), f"{W}gridBefore", 0)
        texts = [""] * column
        for tc in _cells(tr):
            props = tc.find(f"{W}tcPr")
            span = max(1, min(_int_property(props, f"{W}gridSpan", 1), 64))
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            if vmerge is not None and vmerge.get(_VAL) in (None, "continue"):
                text = merged_text.get(column, "")
            else:
                text = "\n".join(paragraph_text(p) for p in tc.iter(_P))
                if vmerge is not None:
                    merged_text[column] = text
                else:
                    merged_text.pop(column, None)
            texts.append(text)
            texts += [""] * (span - 1)
            column += span
        rows.append((number, texts))
    return rows
