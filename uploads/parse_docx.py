"""A Word document (a filled form) → blocks of cell texts, in the order of the document body.

The main document part (found through the package relationships, as Word finds it) is streamed
with lxml's ``iterparse`` (no entities, no network, no DTD; ``safety`` has already refused any
DTD): each row of a body table is read when it ends and then dropped, so memory follows one row,
not the document — a 20,000-row table does not become a 200 MB tree. Merged cells: a cell
spanning several grid columns gives its text to the first one; a vertically merged cell
repeats its text on every row it spans. Tracked insertions count, deletions do not; line
breaks and paragraphs inside a cell become "\\n".
"""

import io
import zipfile

from django.utils.translation import gettext as _

from uploads.blocks import Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{W}{t}" for t in
                                          ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_R, _T, _TAB, _BR, _CR = (f"{W}{t}" for t in ("r", "t", "tab", "br", "cr"))
_VAL = f"{W}val"


_BODY = f"{W}body"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def docx_blocks(data: bytes) -> list[Block]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open(_main_part(archive)) as stream:
            return _stream_blocks(stream)


def _main_part(archive: zipfile.ZipFile) -> str:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(archive.read("_rels/.rels"), parser)
    for relationship in root.iter(_RELS):
        if relationship.get("Type", "").endswith("/officeDocument"):
            target = relationship.get("Target", "").lstrip("/")
            if target in archive.namelist():
                return target
    raise ValueError("no main document part")


def _in_body(element) -> bool:
    """Directly in the body, or in a content control that is."""
    while element is not None and element.tag == _SDT_CONTENT:
        control = element.getparent()
        element = control.getparent() if control is not None and control.tag == _SDT else None
    return element is not None and element.tag == _BODY


def _drop(element) -> None:
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _stream_blocks(stream) -> list[Block]:
    from lxml import etree

    blocks: list[Block] = []
    paragraphs: list[str] = []
    tables = 0
    table = None  # the body table being read
    rows: list[tuple[int, list[str]]] = []
    merged: dict[int, str] = {}

    def flush() -> None:
        if paragraphs:
            blocks.append(Block(_("đoạn văn"), [(n, [t]) for n, t in enumerate(paragraphs, 1)],
                                is_table=False))
            paragraphs.clear()

    events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False)
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == _TBL and table is None and _in_body(element.getparent()):
                flush()
                table, rows, merged = element, [], {}
            continue
        if tag == _TR and table is not None and element.getparent() is table:
            rows.append((len(rows) + 1, _row_texts(element, merged)))
            _drop(element)
        elif tag == _TBL and element is table:
            tables += 1
            blocks.append(Block(_("Bảng %(number)s") % {"number": tables}, rows,
                                continues=True))
            table = None
            _drop(element)
        elif tag == _P and table is None and _in_body(element.getparent()):
            text = paragraph_text(element)
            if text.strip():
                paragraphs.append(text)
            _drop(element)
    flush()
    return blocks


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


def _row_texts(tr, merged_text: dict[int, str]) -> list[str]:
    """One row's cell texts; ``merged_text`` (grid column → text of the cell that began a
    vMerge) carries vertical merges from row to row."""
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
    return texts
