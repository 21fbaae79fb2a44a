"""Hostile packages built on the fly (no large files in the repository): far cells in either
quote style or outside ``xl/worksheets/``, and a zip member that lies about its size."""

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B2"] = "Stt", "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, *, replace=None, extra=None, drop=()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in drop:
                target.writestr(info.filename, (replace or {}).get(info.filename,
                                                                    source.read(info.filename)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def far_cell(cell: str = "XFD1048576", *, quote: str = "'") -> bytes:
    """A 5 KB workbook whose B2 is moved to ``cell``, written with ``quote``."""
    base = workbook()
    sheet = _part(base, SHEET).replace(b'<c r="B2"', f"<c r={quote}{cell}{quote}".encode())
    return rezip(base, replace={SHEET: sheet})


def far_cell_outside_worksheets(cell: str = "XFD1048576") -> bytes:
    """The sheet lives in ``xl/data/part1.xml`` (the workbook's relationship points there)."""
    base = workbook()
    sheet = _part(base, SHEET).replace(b'<c r="B2"', f'<c r="{cell}"'.encode())
    rels = _part(base, "xl/_rels/workbook.xml.rels").replace(b"worksheets/sheet1.xml",
                                                             b"data/part1.xml")
    types = _part(base, "[Content_Types].xml").replace(b"/xl/worksheets/sheet1.xml",
                                                       b"/xl/data/part1.xml")
    return rezip(base, replace={"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
                 extra={"xl/data/part1.xml": sheet}, drop=(SHEET,))


def lying_member(*, inflates_to: int = 1100 * 1024 * 1024, declares: int = 60_000) -> bytes:
    """A workbook whose sheet declares ``declares`` bytes, with the CRC of that prefix (so
    ``zipfile`` reads a well-formed sheet and is satisfied), while its deflate stream goes on to
    ``inflates_to`` bytes of trailing spaces — built by patching the local header and the
    central directory sizes."""
    base = workbook()
    sheet = _part(base, SHEET)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = b" " * (1024 * 1024)
    pieces = [compressor.compress(sheet)]
    pieces += [compressor.compress(block) for _ in range(inflates_to // len(block))]
    stream = b"".join(pieces) + compressor.flush()
    prefix = (sheet + block)[:declares]
    crc = zlib.crc32(prefix)
    name = SHEET.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
    body = out.getvalue()
    central = body.index(b"PK\x01\x02")
    end = bytearray(body[body.index(b"PK\x05\x06"):])
    directory = body[central:body.index(b"PK\x05\x06")]
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream),
                        declares, len(name), 0) + name
    entry = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc,
                        len(stream), declares, len(name), 0, 0, 0, 0, 0, central) + name
    count = struct.unpack("<H", end[10:12])[0] + 1
    end[8:10] = end[10:12] = struct.pack("<H", count)
    end[12:16] = struct.pack("<I", len(directory) + len(entry))
    end[16:20] = struct.pack("<I", central + len(local) + len(stream))
    return body[:central] + local + stream + directory + entry + bytes(end)


# --- the largest files the caps let through (for the memory test) ----------------------------

def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def wide_workbook(rows: int = 20_000, columns: int = 64) -> bytes:
    """Every cell the caps allow filled (20,000 rows × 64 columns, about 4 MB)."""
    base = workbook()
    letters = [_column_letters(c) for c in range(1, columns + 1)]
    parts = ["<sheetData>"]
    for r in range(1, rows + 1):
        cells = "".join(f'<c r="{col}{r}" t="inlineStr"><is><t>v{r}-{n}</t></is></c>'
                        for n, col in enumerate(letters))
        parts.append(f'<row r="{r}">{cells}</row>')
    parts.append("</sheetData>")
    sheet = _part(base, SHEET)
    head, rest = sheet.split(b"<sheetData>", 1)
    tail = rest.split(b"</sheetData>", 1)[1]
    head = head.replace(b'<dimension ref="A1:B2"/>',
                        f'<dimension ref="A1:{letters[-1]}{rows}"/>'.encode())
    return rezip(base, replace={SHEET: head + "".join(parts).encode() + tail})


def long_document(rows: int = 20_000, columns: int = 8) -> bytes:
    """A Word table of 20,000 rows (the physical cap) of varied Vietnamese text."""
    import random

    from docx import Document

    words = ("Nguyễn Văn Thị Lò Giàng Cán bộ Trường Tiểu học xã Bản Lang huyện Phong Thổ "
             "tỉnh Lai Châu giáo viên nông dân sản xuất kinh doanh giỏi").split()
    rng = random.Random(7)
    document = Document()
    document.add_paragraph("BIỂU ĐĂNG KÝ")
    out = io.BytesIO()
    document.save(out)
    base = out.getvalue()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    table = [f'<w:tbl xmlns:w="{w}"><w:tblGrid>' + "<w:gridCol/>" * columns + "</w:tblGrid>"]
    for r in range(rows):
        table.append("<w:tr>" + "".join(
            cell.format(" ".join(rng.choice(words) for _ in range(6)) + f" {r}")
            for _ in range(columns)) + "</w:tr>")
    table.append("</w:tbl>")
    body = _part(base, "word/document.xml").replace(b"<w:sectPr",
                                                    "".join(table).encode() + b"<w:sectPr", 1)
    return rezip(base, replace={"word/document.xml": body})
