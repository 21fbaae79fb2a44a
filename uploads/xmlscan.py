"""How far a package's XML reaches — read the way a real parser reads it, streamed.

Every XML part of the package goes through expat (C, incremental, no DTD: ``safety`` refused
those bytes before they get here, and a declaration that slips through is refused by the
handlers below). Expat decodes what a byte pattern would miss: either quote style
(``r='XFD1048576'``), character references (``r="&#88;FD1"``), namespace prefixes, UTF-16.

* A workbook: every ``<dimension ref>`` and every cell holding something (``<v>``, ``<is>``,
  ``<f>``) in *any* part — a sheet may live outside ``xl/worksheets/`` — with its position
  (its ``r``, or the row's ``r`` and the cell's rank when ``r`` is left out, as readers do).
  A part's reach is its last such row; the reaches add up over the parts, so many sheets cannot
  multiply the cap. Columns past ``MAX_COLUMNS`` are refused by cell name.
* A Word document: every table row (``<w:tr>``, whatever the prefix) in any part.
"""

import re
from xml.parsers import expat

_CELL = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_VALUED = {"v", "is", "f"}


class Reached(Exception):
    """``kind`` is "rows" (past the row cap) or "column" (``cell`` names the far cell)."""

    def __init__(self, kind: str, cell: str = ""):
        super().__init__(kind, cell)
        self.kind = kind
        self.cell = cell


class Malformed(Exception):
    pass


class Unsafe(Exception):
    pass


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def _local(name: str) -> str:
    return name[name.rfind(":") + 1:]


def _attribute(attributes: dict, wanted: str) -> str | None:
    value = attributes.get(wanted)
    if value is not None:
        return value
    for name, value in attributes.items():
        if _local(name) == wanted:
            return value
    return None


class PackageScan:
    """Feed each part with ``part(kind)`` → ``feed(chunk)``…``close()``; totals kept across
    parts. Raises ``Reached``, ``Malformed`` or ``Unsafe``."""

    def __init__(self, *, max_rows: int, max_columns: int):
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.rows_before = 0  # reach of the parts already closed (workbook) / rows (Word)
        self.word_rows = 0

    def part(self, kind: str) -> "PartScan":
        return PartScan(self, kind)


class PartScan:
    def __init__(self, package: PackageScan, kind: str):
        self.package = package
        self.kind = kind
        self.reach = 0
        self.row = 0
        self.column = 0
        self.cell: tuple[int, int, str] | None = None  # the open <c>: row, column, name
        # No namespace processing: names keep their prefix ("c", "x:c"), cheap to compare.
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start if kind == "xlsx" else self._start_word
        parser.StartDoctypeDeclHandler = self._unsafe
        parser.EntityDeclHandler = self._unsafe
        parser.ExternalEntityRefHandler = self._unsafe
        self.parser = parser

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as error:
            raise Malformed(str(error)) from error

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise Malformed(str(error)) from error
        self.package.rows_before += self.reach

    def _unsafe(self, *_args):
        raise Unsafe()

    def _start_word(self, name, _attributes):
        if name == "w:tr" or _local(name) == "tr":
            self.package.word_rows += 1
            if self.package.word_rows > self.package.max_rows:
                raise Reached("rows")

    def _start(self, name, attributes):
        local = name if ":" not in name else _local(name)
        if local in _VALUED:
            if self.cell is not None:
                self._reach(*self.cell)
                self.cell = None  # counted once
        elif local == "row":
            given = _attribute(attributes, "r")
            self.row = self._number(given) if given is not None else self.row + 1
            self.column = 0
            self.cell = None
        elif local == "c":
            given = _attribute(attributes, "r")
            if given is None:
                self.column += 1
                self.cell = (self.row, self.column, f"R{self.row}C{self.column}")
            else:
                letters, digits = self._cell(given)
                self.column, self.row = column_number(letters), int(digits)
                self.cell = (self.row, self.column, letters + digits)
        elif local == "dimension":
            ref = _attribute(attributes, "ref") or ""
            letters, digits = self._cell(ref.rsplit(":", 1)[-1])
            self._reach(int(digits), column_number(letters), letters + digits)

    def _reach(self, row: int, column: int, cell: str) -> None:
        if column > self.package.max_columns:
            raise Reached("column", cell)
        self.reach = max(self.reach, row)
        if self.package.rows_before + self.reach > self.package.max_rows:
            raise Reached("rows")

    @staticmethod
    def _number(text: str) -> int:
        text = text.strip()
        if not text.isdigit() or len(text) > 7:
            raise Malformed(f"row {text!r}")
        return int(text)

    @staticmethod
    def _cell(text: str) -> tuple[str, str]:
        match = _CELL.match(text) or _CELL.match(text.strip().upper().replace("$", ""))
        if not match:
            raise Malformed(f"cell {text!r}")
        return match.group(1), match.group(2)
