"""What reading a Biểu đăng ký file gives: its entries, its row errors, and what was found."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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
    where: str = ""  # "Mục II. Cá nhân, dòng 2": the one location shown by web and command

    @property
    def location(self) -> str:
        """Where, in the form's own words, with the column: what every screen prints."""
        column = _("cột “%(column)s”") % {"column": self.column} if self.column else ""
        return ", ".join(part for part in (self.where, column) if part)

    def as_json(self) -> dict[str, object]:
        return {"section": self.section, "row": self.row, "column": self.column,
                "location": self.location, "message": self.message}


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

    @property
    def filled_sections(self) -> list[str]:
        """The sections with at least one entry: the only ones an import replaces (the blank
        template's empty tables are found but leave their kind as it is)."""
        kinds = {e.section for e in self.entries}
        return [k for k in self.sections if k in kinds] + sorted(kinds - set(self.sections))

    @classmethod
    def failed(cls, message: str) -> "ParsedForm":
        return cls(errors=[RowError(None, None, None, message)], unusable=True)

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, "entries": [e.as_json() for e in self.entries],
                "errors": [e.as_json() for e in self.errors]}
