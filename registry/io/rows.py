"""Blocks of cell texts (from a .docx or .xlsx) → a ``ParsedForm`` of entries and row errors.

A block is a table of a Word file, a run of paragraphs between tables, or a sheet. The reader
walks the rows once and recognises, in folded text and never by position:

* section headings — "I. TẬP THỂ", "II. CÁ NHÂN", "III. HỘ GIA ĐÌNH", "IV. MÔ HÌNH" as a
  paragraph, a sheet name or a (merged) row of the table;
* header rows — which column holds what (``registry.io.columns``); repeated ones are skipped;
* the numbering row "(1) (2) (3)…" under a header, blank template rows ("1" and nothing else),
  and the footer ("Nơi nhận:", the signature block), after which a table's rows are ignored;
* everything else under a header is an entry of the current section.

The section of a table is the heading above it; without one, it is guessed from its header
("Họ và tên" + "Chức vụ…" → cá nhân; "Người đứng đầu…" → tập thể).
"""

import re
from collections import Counter

from django.utils.translation import gettext as _

from core.text import clean, clean_multiline, fold
from guidance.pack import Pack
from registry.io import columns as c
from registry.io.fieldmap import FieldResolver
from registry.io.headings import (
    LINE_BREAK,
    header_mapping,
    is_numbering,
    row_place,
    section_of_heading,
    section_place,
    split_person_details,
)
from registry.io.parsed import ParsedEntry, ParsedForm, RowError
from registry.ranges import birth_year_error
from uploads.blocks import Block
from uploads.safety import MAX_ROWS

_NUMBER = re.compile(r"^\d{1,5}\.?$")
_FOOTERS = ("noi nhan", "nguoi lap bieu", "thu truong co quan", "thu truong don vi")
_MAX_LENGTH = {"name": 255, "address": 255, "head_name": 255, "position_title": 255,
               "work_unit": 255, "ethnicity": 40}
_GENDERS = {"nam": "male", "nu": "female"}




class TooManyRows(Exception):
    pass


def read_blocks(blocks: list[Block], pack: Pack) -> ParsedForm:
    reader = _Reader(pack)
    try:
        for block in blocks:
            reader.block(block)
    except TooManyRows:
        return ParsedForm.failed(
            _("Tệp có quá nhiều dòng (trên %(limit)s dòng). Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"limit": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return reader.finish()


class _Reader:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.fields = FieldResolver(pack)
        self.form = ParsedForm()
        self.kind: str | None = None
        self.heading_fresh = False
        self.columns: dict[int, str] | None = None  # cell index → role
        self.headers: dict[str, str] = {}  # role → header text as written in the file
        self.header_texts: list[str] = []
        self.width = 0
        self.ordinal: Counter[str] = Counter()
        self.names: dict[tuple[str, str], int] = {}
        self.rows_read = 0
        self.seen_header = False
        self.unknown_section_reported: set[str] = set()
        self.signer = fold(pack.form.signer_title)
        self._required: dict[str, list[tuple[str, str]]] = {}

    # --- structure --------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        if block.heading and (kind := section_of_heading(block.heading, self.pack)):
            self._heading(kind)
        if block.is_table and not (block.continues and self.columns is not None
                                   and self._width_of(block) == self.width):
            self.columns = None
        claimed, unread = self.columns is not None, 0
        for number, cells in block.rows:
            if not any(t.strip() for t in cells):
                continue
            if self.columns is not None and self._plainly_data(cells):
                self._data_row(block, number, cells)
                continue
            texts = [clean(t) for t in cells]
            present = [t for t in texts if t]
            if not present:
                continue
            if self._is_footer(present):
                if block.is_table:
                    self.columns = None
                    return
                continue
            distinct = list(dict.fromkeys(present))
            if len(distinct) <= 2 and (kind := section_of_heading(" ".join(distinct), self.pack)):
                self._heading(kind)
                continue
            if not block.is_table:
                self._preamble(cells)
                continue
            mapping = header_mapping(texts)
            if mapping is not None:
                self._header(mapping, texts, block)
                claimed = True
                continue
            if self.columns is None:
                self._preamble(cells)
                unread += 1
                continue
            if is_numbering(present):
                continue
            self._data_row(block, number, cells)
        if block.is_table and not claimed and unread and self.seen_header:
            self._unread_table(block)

    def _unread_table(self, block: Block) -> None:
        """A table after the form's first one that holds text but no recognisable header."""
        if self._width_of(block) < 3:
            return  # the signature block and similar layout tables
        self.form.errors.append(RowError(None, None, None, _(
            "%(block)s: không nhận ra dòng tiêu đề cột (Stt, Họ và tên hoặc Đơn vị, Điển hình "
            "thuộc lĩnh vực…) nên chưa đọc được bảng này. Hãy giữ nguyên dòng tiêu đề của biểu."
        ) % {"block": block.label}))

    def _plainly_data(self, cells: list[str]) -> bool:
        """A row numbered "1", "1." or "01" under a known header is an entry: no heading,
        header or footer starts with a number. This skips the costly checks for most rows."""
        index = next((i for i, role in (self.columns or {}).items() if role == c.NUMBER), None)
        if index is None or index >= len(cells) or not _NUMBER.match(cells[index].strip()):
            return False
        return not is_numbering([t.strip() for t in cells if t.strip()])

    @staticmethod
    def _width_of(block: Block) -> int:
        return max((len(cells) for _, cells in block.rows), default=0)

    def _preamble(self, cells: list[str]) -> None:
        """Text above the first table: the unit's name is among it (for the command)."""
        if not self.seen_header and len(self.form.unit_lines) < 20:
            for text in dict.fromkeys(cells):
                self.form.unit_lines += [clean(line) for line in LINE_BREAK.split(text)
                                         if clean(line)]

    def _is_footer(self, present: list[str]) -> bool:
        if len(present[0]) > 80:
            return False
        first = fold(present[0])
        return first.startswith(_FOOTERS) or (bool(self.signer) and first == self.signer)

    def _heading(self, kind: str) -> None:
        self.kind = kind
        self.heading_fresh = True
        self._present(kind)

    def _present(self, kind: str) -> None:
        if kind not in self.form.sections:
            self.form.sections.append(kind)

    def _header(self, mapping: dict[int, str], texts: list[str], block: Block) -> None:
        self.seen_header = True
        repeated = texts == self.header_texts
        self.columns, self.header_texts = mapping, texts
        self.headers = {role: texts[i] for i, role in mapping.items()}
        self.width = self._width_of(block)
        if not self.heading_fresh and not repeated:
            guessed = c.kind_from_headers({role: fold(t) for role, t in self.headers.items()})
            self.kind = guessed or self.kind
        if self.kind:
            self._present(self.kind)
            self._missing_columns(self.kind)

    def _missing_columns(self, kind: str) -> None:
        section = self.pack.section(kind)
        needed: dict[str, str] = {c.NAME: _("Tên"), c.FIELD: _("Điển hình thuộc lĩnh vực")}
        for col in section.columns if section else []:
            role = c.role_of_column(col.key, col.header)
            if role and (col.required or role in needed):
                needed[role] = col.header
        roles = set(self._roles_for(kind).values())
        for role, header in needed.items():
            if role not in roles:
                message = _("Thiếu cột “%(column)s”.") % {"column": header}
                if not any(e.message == message and e.section == kind for e in self.form.errors):
                    self.form.errors.append(RowError(kind, None, header, message,
                                                     section_place(self.pack, kind)))

    def _roles_for(self, kind: str) -> dict[int, str]:
        """The columns' roles as they apply to this section's rows (an individual's combined
        cell under a collective's "Địa chỉ" header, and the reverse)."""
        roles = dict(self.columns or {})
        has_details = c.PERSON_DETAILS in roles.values()
        for index, role in roles.items():
            if kind == "individual" and role == c.ADDRESS and not has_details:
                roles[index] = c.PERSON_DETAILS
            elif kind != "individual" and role == c.PERSON_DETAILS:
                roles[index] = c.ADDRESS
        return roles

    # --- rows -------------------------------------------------------------------------------
    def _data_row(self, block: Block, number: int, cells: list[str]) -> None:
        if self.kind is None:
            if block.label not in self.unknown_section_reported:
                self.unknown_section_reported.add(block.label)
                self.form.errors.append(RowError(None, None, None, _(
                    "%(block)s: không xác định được bảng thuộc mục nào. Hãy ghi tên mục (“I. TẬP "
                    "THỂ”, “II. CÁ NHÂN”, “III. HỘ GIA ĐÌNH”, “IV. MÔ HÌNH”) ngay trên bảng."
                ) % {"block": block.label}, block.label))
            return
        raw: dict[str, str] = {}
        for index, role in self._roles_for(self.kind).items():
            if role not in raw:
                raw[role] = cells[index] if index < len(cells) else ""
        if not any(v.strip() and clean(v) for role, v in raw.items() if role != c.NUMBER):
            return  # a blank template row, maybe numbered
        self.rows_read += 1
        if self.rows_read > MAX_ROWS:
            raise TooManyRows
        self.heading_fresh = False
        self.ordinal[self.kind] += 1
        row = self.ordinal[self.kind]
        _Row(self, self.kind, row, raw, row_place(self.pack, self.kind, row)).read()

    def required(self, kind: str) -> list[tuple[str, str]]:
        """(role, header) of the pack's required columns other than name and field, which
        every entry needs anyway and which are checked on their own."""
        if kind not in self._required:
            section = self.pack.section(kind)
            columns = [(c.role_of_column(col.key, col.header), col.header)
                       for col in (section.columns if section else []) if col.required]
            self._required[kind] = [(role, header) for role, header in columns
                                    if role not in {c.NAME, c.FIELD, c.NUMBER, None}]
        return self._required[kind]

    def finish(self) -> ParsedForm:
        if not self.form.entries and not self.form.errors:
            if not self.seen_header:
                return ParsedForm.failed(_(
                    "Không tìm thấy bảng của Biểu đăng ký trong tệp (cần có dòng tiêu đề cột như "
                    "“Stt”, “Họ và tên”, “Điển hình thuộc lĩnh vực”)."))
            return ParsedForm.failed(_("Biểu đăng ký trong tệp chưa có dòng nào được điền."))
        return self.form


class _Row:
    """One entry: its cells cleaned, checked and added to the form with its errors."""

    def __init__(self, reader: _Reader, kind: str, row: int, raw: dict[str, str], where: str):
        self.reader, self.kind, self.row, self.raw, self.where = reader, kind, row, raw, where
        self.values: dict[str, object] = {}

    def error(self, role: str | None, message: str) -> None:
        column = self.reader.headers.get(role or "", None) if role else None
        if role == c.PERSON_DETAILS and column is None:
            column = self.reader.headers.get(c.ADDRESS)
        self.reader.form.errors.append(RowError(self.kind, self.row, column, message, self.where))

    def read(self) -> None:
        name = clean(self.raw.get(c.NAME, ""))
        field_text = clean(self.raw.get(c.FIELD, ""))
        for role, text in self.raw.items():
            self._value(role, text)
        if not name:
            self.error(c.NAME, _("Chưa ghi tên."))
        self._check_duplicate(name)
        match = self.reader.fields.resolve(field_text)
        if match.key is None:
            self.error(c.FIELD, match.message)
        self._check_required()
        for key, limit in _MAX_LENGTH.items():
            value = name if key == "name" else self.values.get(key)
            if isinstance(value, str) and len(value) > limit:
                self.error(key if key != "name" else c.NAME,
                           _("Quá dài (%(length)s ký tự; tối đa %(limit)s).")
                           % {"length": len(value), "limit": limit})
        self.reader.form.entries.append(ParsedEntry(
            self.kind, self.row, name, match.key, self.values, field_text, self.where))

    def _value(self, role: str, text: str) -> None:
        if role == c.PERSON_DETAILS:
            position, unit, address = split_person_details(text)
            self.values.update(position_title=position, work_unit=unit, address=address)
        elif role in c.MULTILINE_ROLES:
            self.values[role] = clean_multiline(text)
        elif role in c.PLAIN_ROLES:
            self.values[role] = clean(text)
        elif role == c.GENDER:
            folded = fold(text)
            self.values["gender"] = _GENDERS.get(folded, "")
            if folded and folded not in _GENDERS:
                self.error(role, _("Giới tính ghi “Nam” hoặc “Nữ”."))
        elif role == c.BIRTH_YEAR:
            self._birth_year(clean(text))

    def _birth_year(self, text: str) -> None:
        year = int(float(text)) if re.fullmatch(r"\d{4}(\.0)?", text) else None
        self.values["birth_year"] = year
        if text and year is None:
            self.error(c.BIRTH_YEAR, _("Năm sinh “%(text)s” không hợp lệ.") % {"text": text})
        elif year is not None and (message := birth_year_error(year)):
            self.error(c.BIRTH_YEAR, message)

    def _check_duplicate(self, name: str) -> None:
        if not name:
            return
        key = (self.kind, fold(name))
        first = self.reader.names.setdefault(key, self.row)
        if first != self.row:
            self.error(c.NAME, _("Trùng tên với dòng %(row)s của cùng mục.") % {"row": first})

    def _check_required(self) -> None:
        for role, header in self.reader.required(self.kind):
            text = self.raw.get(role)
            if text is not None and not clean(text):
                self.error(role, _("Cột “%(column)s” không được để trống.") % {"column": header})
