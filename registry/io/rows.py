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
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.text import clean, clean_multiline, fold
from guidance.pack import Pack
from registry.io import columns as c
from registry.io.fieldmap import FieldResolver
from uploads.blocks import Block
from uploads.safety import MAX_ROWS

KINDS = ("collective", "individual", "household", "model")
_KEYWORDS = {"collective": ["tap the"], "individual": ["ca nhan"],
             "household": ["ho gia dinh", "gia dinh"], "model": ["mo hinh"]}
_ROMAN = re.compile(r"^(i{1,3}|iv|vi{0,3}|ix|x)\s*[\.\):\-]?\s+(.*)$")
_ARABIC = re.compile(r"^(\d{1,2}|[a-d])\s*[\.\):\-]\s*(.*)$")
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$")
_NUMBER = re.compile(r"^\d{1,5}\.?$")
_FOOTERS = ("noi nhan", "nguoi lap bieu", "thu truong co quan", "thu truong don vi")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\v|\u2028")
_MAX_LENGTH = {"name": 255, "address": 255, "head_name": 255, "position_title": 255,
               "work_unit": 255, "ethnicity": 40}
_GENDERS = {"nam": "male", "nu": "female"}


@dataclass(frozen=True)
class ParsedEntry:
    section: str
    row: int
    name: str
    field: str | None
    values: dict[str, object]  # other Exemplar fields, only those with a column in the file
    field_text: str = ""
    where: str = ""

    def data(self) -> dict[str, object]:
        """Keyword data for ``registry.services.add_exemplar``/``update_exemplar``."""
        return {"kind": self.section, "name": self.name, "field_key": self.field or "",
                "position": self.row, **self.values}

    def as_json(self) -> dict[str, object]:
        return {"section": self.section, "row": self.row, "name": self.name,
                "field": self.field, **self.values}


@dataclass(frozen=True)
class RowError:
    section: str | None
    row: int | None
    column: str | None
    message: str
    where: str = ""

    def as_json(self) -> dict[str, object]:
        return {"section": self.section, "row": self.row, "column": self.column,
                "message": self.message}


@dataclass
class ParsedForm:
    entries: list[ParsedEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # kinds found in the file, in order
    unit_lines: list[str] = field(default_factory=list)  # text above the first table
    unusable: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @classmethod
    def failed(cls, message: str) -> "ParsedForm":
        return cls(errors=[RowError(None, None, None, message)], unusable=True)

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, "entries": [e.as_json() for e in self.entries],
                "errors": [e.as_json() for e in self.errors]}


class TooManyRows(Exception):
    pass


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
    exact = _exact_headings(pack)
    if rest in exact:
        return exact[rest]
    if not loose:
        return None
    found = [(rest.find(word), kind) for kind, words in _KEYWORDS.items() for word in words
             if word in rest]
    return min(found)[1] if found else None


def _exact_headings(pack: Pack | None) -> dict[str, str]:
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
    lines = _LINE_BREAK.split(raw or "")
    while lines and not clean(lines[-1]):
        lines.pop()
    parts = lines if len(lines) > 1 else (lines[0].split(";") if lines else [])
    parts = [clean(p).strip(" ;,") for p in parts]
    if len(parts) > 3:
        parts = [parts[0], parts[1], "; ".join(p for p in parts[2:] if p)]
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


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
            mapping = _header_mapping(texts)
            if mapping is not None:
                self._header(mapping, texts, block)
                claimed = True
                continue
            if self.columns is None:
                self._preamble(cells)
                unread += 1
                continue
            if _is_numbering(present):
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
        return not _is_numbering([t.strip() for t in cells if t.strip()])

    @staticmethod
    def _width_of(block: Block) -> int:
        return max((len(cells) for _, cells in block.rows), default=0)

    def _preamble(self, cells: list[str]) -> None:
        """Text above the first table: the unit's name is among it (for the command)."""
        if not self.seen_header and len(self.form.unit_lines) < 20:
            for text in dict.fromkeys(cells):
                self.form.unit_lines += [clean(line) for line in _LINE_BREAK.split(text)
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
                    self.form.errors.append(RowError(kind, None, header, message))

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
        where = _("%(block)s, dòng %(row)s") % {"block": block.label, "row": number}
        if self.kind is None:
            if block.label not in self.unknown_section_reported:
                self.unknown_section_reported.add(block.label)
                self.form.errors.append(RowError(None, None, None, _(
                    "%(block)s: không xác định được bảng thuộc mục nào. Hãy ghi tên mục (“I. TẬP "
                    "THỂ”, “II. CÁ NHÂN”, “III. HỘ GIA ĐÌNH”, “IV. MÔ HÌNH”) ngay trên bảng."
                ) % {"block": block.label}, where))
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
        _Row(self, self.kind, self.ordinal[self.kind], raw, where).read()

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
        if text and (year is None or not 1900 <= year <= 2100):
            self.error(c.BIRTH_YEAR, _("Năm sinh “%(text)s” không hợp lệ.") % {"text": text})

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


def _is_numbering(present: list[str]) -> bool:
    """The row "(1) (2) (3)…" (or "1 2 3…") that forms often put under the header."""
    return len(present) >= 3 and all(_NUMBERING_CELL.match(t) for t in present)


def _header_mapping(texts: list[str]) -> dict[int, str] | None:
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
