"""What the reference files say, as plain values (no Django), ready to compare with the database.

A unit is identified by ``Key = (code, valid_from)``. Its *reference facts* (name, type,
category, validity, parent) are fingerprinted by :meth:`UnitSpec.digest`; the loader stores the
fingerprint and refreshes a row only when the file's facts changed since the last load.
*Editable details* (short name, block, address, e-mail, notes) are applied on creation only.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

Key = tuple[str, datetime.date]


def key_label(key: Key) -> str:
    return f"{key[0]}@{key[1].isoformat()}"


def _digest(*parts: object) -> str:
    text = json.dumps([p.isoformat() if hasattr(p, "isoformat") else p for p in parts])
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class BlockSpec:
    code: str
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None


@dataclass(frozen=True)
class UnitSpec:
    code: str
    valid_from: datetime.date
    name: str
    unit_type: str
    category: str = ""
    valid_to: datetime.date | None = None
    parent: Key | None = None
    # Editable details: set when the row is created, then the standing office's.
    short_name: str = ""
    block: str = ""
    address: str = ""
    email: str = ""
    notes: str = ""
    source: str = field(default="", compare=False)

    @property
    def key(self) -> Key:
        return (self.code, self.valid_from)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def digest(self) -> str:
        parent = key_label(self.parent) if self.parent else None
        return _digest(self.code, self.valid_from, self.name, self.unit_type, self.category,
                       self.valid_to, parent)


@dataclass(frozen=True)
class SuccessionSpec:
    predecessor: Key
    successor: Key
    kind: str
    effective_on: datetime.date
    legal_basis: str = ""

    def digest(self) -> str:
        return _digest(key_label(self.predecessor), key_label(self.successor), self.kind,
                       self.effective_on, self.legal_basis)


@dataclass
class ReferenceData:
    blocks: list[BlockSpec]
    units: list[UnitSpec]
    successions: list[SuccessionSpec]

    @property
    def root(self) -> UnitSpec:
        return next(u for u in self.units if u.parent is None)


class ReferenceDataError(ValueError):
    """The reference files contradict themselves; the message lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Dữ liệu tham chiếu có lỗi:\n" + "\n".join(f"- {p}" for p in problems))
