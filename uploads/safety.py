"""Checks an uploaded file before any parser sees it; every refusal is a ``UnusableFile`` with a
Vietnamese message for the user.

Order: name (old .doc/.xls, macro-enabled .docm/.xlsm, anything else) → size → magic bytes (an
OLE compound file under a .docx/.xlsx name is a password-protected file or an old format
renamed) → the zip directory (entry count, declared expanded size, compression ratio) before
anything is decompressed → the package's content type (Word vs Excel, macros) → every member
inflated once by ``inflate`` with a hard cap on the bytes it really produces (a member that
yields more than it declares is refused at once; size, CRC and local header must match the
directory, so the parsers behind us, which trust the directory, see exactly what was checked)
→ every XML part, in any folder, read by ``xmlscan`` (expat, streamed): no DTD or entity
declaration (XXE, billion laughs), and the number of table rows and how far data reaches in a
workbook — ``<dimension>`` and cells in either quote style, with or without ``r`` (calamine
allocates the sheet's whole rectangle, so a value in cell XFD1048576 must never reach it).

Two row limits: ``MAX_ROWS`` counts **entries** — filled data rows, not headings, header or
numbering rows, blank template rows or the signature block — and is enforced by the reader
(``registry.io.rows`` for the Biểu đăng ký), so a form of exactly 5,000 entries is accepted whatever its layout and
one of 5,001 is refused. Here, before any parser runs, only the generous ``MAX_PHYSICAL_ROWS``
is checked against abuse: every ``<w:tr>`` of a Word document, and for a workbook the sum over
its sheets of how far down each one reaches (so many sheets cannot multiply the cap).
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from uploads import inflate, xmlscan

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # a form's XML compresses 5–30×; zip bombs 1,000× and more
RATIO_FLOOR = 1024 * 1024  # small parts may compress well, that is harmless
MAX_ENTRIES = 2000
MAX_ROWS = 5000  # entries (filled data rows); counted by the importer (registry.io.rows)
# Physical rows (with headings, repeated headers, blank rows…) a file may hold at all: a
# generous cap against abuse, checked before parsing. Word: every <w:tr> of the document;
# Excel: the sum over the sheets of the last row each reaches.
MAX_PHYSICAL_ROWS = 4 * MAX_ROWS
MAX_COLUMNS = 64

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_DTD = re.compile(
    rb"<!(DOCTYPE|ENTITY)"
    rb"|<\x00!\x00(D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)"
    rb"|\x00<\x00!\x00(D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)",
    re.IGNORECASE,
)
_CARRY = 256

KINDS = {
    ".docx": "docx", ".xlsx": "xlsx",
}
_MAIN_TYPES = {
    b"wordprocessingml.document.main+xml": "docx",
    b"wordprocessingml.template.main+xml": "docx",
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"spreadsheetml.template.main+xml": "xlsx",
    b"presentationml": "pptx",
}


class UnusableFile(Exception):
    """The file cannot be read at all; ``message`` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str  # "docx" | "xlsx"
    data: bytes


def _kind_label(kind: str) -> str:
    return {"docx": _("Word (.docx)"), "xlsx": _("Excel (.xlsx)"),
            "pptx": _("PowerPoint (.pptx)")}.get(kind, kind)


def check_upload(name: str, data: bytes) -> CheckedFile:
    """The file as a ``CheckedFile``, or ``UnusableFile`` saying why not."""
    kind = _kind_from_name(name)
    limit = getattr(settings, "MAX_UPLOAD_BYTES", MAX_BYTES)
    if not data:
        raise UnusableFile(_("Tệp rỗng (0 byte)."))
    if len(data) > limit:
        raise UnusableFile(
            _("Tệp quá lớn (%(size)s MB); chỉ nhận tệp đến %(limit)s MB.")
            % {"size": f"{len(data) / 1048576:.1f}", "limit": limit // 1048576}
        )
    _check_magic(kind, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive)
            _check_content_type(archive, data, kind)
            _scan_parts(archive, data, kind)
    except UnusableFile:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError, zlib.error) as error:
        raise UnusableFile(
            _("Tệp %(kind)s bị hỏng, không đọc được (%(detail)s). Hãy mở tệp bằng Word/Excel, "
              "lưu lại rồi tải lên lần nữa.") % {"kind": _kind_label(kind), "detail": error}
        ) from error
    return CheckedFile(name=name, kind=kind, data=data)


def _kind_from_name(name: str) -> str:
    suffix = PurePath(name or "").suffix.lower()
    if suffix in {".doc", ".xls", ".rtf", ".odt", ".ods"}:
        raise UnusableFile(
            _("Tệp %(suffix)s không được hỗ trợ. Hãy mở tệp bằng Word hoặc Excel, chọn “Lưu dưới "
              "dạng” (Save As) và lưu thành .docx (Word) hoặc .xlsx (Excel), rồi tải lên lại.")
            % {"suffix": suffix}
        )
    if suffix in {".docm", ".xlsm", ".dotm", ".xltm", ".xlsb"}:
        raise UnusableFile(
            _("Tệp %(suffix)s có thể chứa macro nên không được nhận. Hãy lưu lại thành tệp .docx "
              "hoặc .xlsx (không có macro) rồi tải lên lại.") % {"suffix": suffix}
        )
    if suffix not in KINDS:
        raise UnusableFile(
            _("Chỉ nhận biểu đăng ký dạng tệp Word (.docx) hoặc Excel (.xlsx).")
        )
    return KINDS[suffix]


def _check_magic(kind: str, data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        encrypted = "EncryptionInfo".encode("utf-16-le") in data
        if encrypted:
            raise UnusableFile(
                _("Tệp được đặt mật khẩu (mã hóa) nên hệ thống không đọc được. Hãy bỏ mật khẩu "
                  "(trong Word/Excel: Tệp › Thông tin › Bảo vệ) rồi tải lên lại.")
            )
        raise UnusableFile(
            _("Tệp có đuôi %(kind)s nhưng thực chất là tệp Word/Excel đời cũ (.doc/.xls). Hãy "
              "mở và lưu lại thành .docx hoặc .xlsx.") % {"kind": _kind_label(kind)}
        )
    if not data.startswith(ZIP_MAGIC):
        hint = ""
        head = data[:512].lstrip().lower()
        if head.startswith(b"%pdf"):
            hint = _(" (đây là tệp PDF)")
        elif head.startswith((b"<html", b"<!doctype html", b"<?xml")):
            hint = _(" (đây là trang web hoặc tệp XML)")
        raise UnusableFile(
            _("Tệp không phải là tệp %(kind)s%(hint)s.") % {"kind": _kind_label(kind),
                                                           "hint": hint}
        )


def _bomb() -> UnusableFile:
    return UnusableFile(
        _("Tệp giải nén ra quá lớn (trên %(limit)s MB) hoặc nén bất thường; hệ thống không mở "
          "tệp này.") % {"limit": MAX_UNZIPPED_BYTES // 1048576}
    )


def _check_directory(archive: zipfile.ZipFile) -> None:
    """What the directory declares; the true sizes are proven while inflating (``inflate``)."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _bomb()
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise _bomb()
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _bomb()


def _check_content_type(archive: zipfile.ZipFile, data: bytes, kind: str) -> None:
    names = archive.namelist()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UnusableFile(_("Tệp có chứa macro (VBA) nên không được nhận. Hãy lưu lại thành tệp "
                             "không có macro (.docx hoặc .xlsx) rồi tải lên lại."))
    if "[Content_Types].xml" not in names:
        raise UnusableFile(_("Tệp không phải là tệp %(kind)s.") % {"kind": _kind_label(kind)})
    content_types = _read_bounded(archive, data, "[Content_Types].xml", 1024 * 1024)
    if b"macroEnabled" in content_types:
        raise UnusableFile(_("Tệp có chứa macro nên không được nhận. Hãy lưu lại thành tệp "
                             "không có macro (.docx hoặc .xlsx) rồi tải lên lại."))
    actual = next((k for marker, k in _MAIN_TYPES.items() if marker in content_types), None)
    if actual is None:
        raise UnusableFile(_("Tệp không phải là tệp %(kind)s.") % {"kind": _kind_label(kind)})
    if actual != kind:
        raise UnusableFile(
            _("Tệp có đuôi %(named)s nhưng nội dung là tệp %(actual)s. Hãy đổi lại đúng đuôi "
              "tệp hoặc tải lên đúng tệp.")
            % {"named": _kind_label(kind), "actual": _kind_label(actual)}
        )


def _read_bounded(archive: zipfile.ZipFile, data: bytes, name: str, limit: int) -> bytes:
    try:
        content = inflate.read(data, archive.getinfo(name), limit)
    except inflate.TooLarge:
        raise _bomb() from None
    if _DTD.search(content):
        raise _unsafe_xml()
    return content


def _unsafe_xml() -> UnusableFile:
    return UnusableFile(_("Tệp chứa khai báo XML không an toàn (DOCTYPE/ENTITY); hệ thống "
                          "không mở tệp này."))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _too_many_rows() -> UnusableFile:
    return UnusableFile(
        _("Tệp có quá nhiều dòng (trên %(limit)s dòng trong các bảng, kể cả dòng tiêu đề và "
          "dòng trống; biểu đăng ký nhận tối đa %(entries)s mục). Hãy xóa các dòng thừa hoặc "
          "chia thành nhiều tệp nhỏ hơn.")
        % {"limit": _thousands(MAX_PHYSICAL_ROWS), "entries": _thousands(MAX_ROWS)}
    )


def _far_column(cell: str) -> UnusableFile:
    return UnusableFile(
        _("Bảng tính có dữ liệu ở cột quá xa (ô %(cell)s). Hãy xóa các cột thừa bên "
          "phải bảng rồi tải lên lại.") % {"cell": cell}
    )


def _looks_like_xml(name: str, head: bytes) -> bool:
    """XML by name, or by its first bytes: a UTF-8 BOM or text starting with ``<``, a UTF-16
    BOM or ``<`` as UTF-16 — a sheet can hide under any name the relationships point to."""
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return True
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"<")


def _scan_parts(archive: zipfile.ZipFile, data: bytes, kind: str) -> None:
    """Inflate every member within what is left of ``MAX_UNZIPPED_BYTES`` (true bytes, not
    declared ones) and read every XML part with ``xmlscan`` — whatever its name or folder."""
    budget = MAX_UNZIPPED_BYTES
    package = xmlscan.PackageScan(max_rows=MAX_PHYSICAL_ROWS, max_columns=MAX_COLUMNS)
    try:
        for info in archive.infolist():
            if info.is_dir() and not info.file_size:
                continue
            scan = None
            tail = b""
            for chunk in inflate.chunks(data, info, budget):
                budget -= len(chunk)
                if scan is None and _looks_like_xml(info.filename, chunk[:64]):
                    scan = package.part(kind)
                if scan is None:
                    continue
                buffer = tail + chunk
                if _DTD.search(buffer):
                    raise _unsafe_xml()
                scan.feed(chunk)
                tail = buffer[-_CARRY:]
            if scan is not None:
                scan.close()
    except inflate.TooLarge:
        raise _bomb() from None
    except xmlscan.Unsafe:
        raise _unsafe_xml() from None
    except xmlscan.Reached as reached:
        raise (_far_column(reached.cell) if reached.kind == "column" else _too_many_rows()) \
            from None
    except (inflate.Damaged, xmlscan.Malformed) as error:
        raise zipfile.BadZipFile(str(error)) from error
