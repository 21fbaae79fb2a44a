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
