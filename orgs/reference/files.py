"""Read the committed reference files (CSV, JSON; UTF-8). Plain Python, no Django.

Every text cell goes through ``core.text.clean`` (NFC, trimmed) on the way in; dates are ISO
(``2025-07-01``); an empty ``valid_to`` means "still in force".
"""

import csv
import datetime
import json
from collections.abc import Iterator
from pathlib import Path

from core.text import clean
from orgs.reference.matching import FormerCommune, NewCommune, Variant, split_list
from orgs.reference.specs import ReferenceDataError

REFERENCE_DIR = Path(__file__).resolve().parent
TRUE_WORDS = {"true", "1", "x", "có", "yes"}


def rows(directory: Path, filename: str) -> Iterator[dict[str, str]]:
    with (directory / filename).open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if None in row:
                raise ReferenceDataError([f"{filename}:{number}: thừa cột"])
            cleaned = {clean(k): clean(v) for k, v in row.items()}
            if any(cleaned.values()):
                cleaned["_where"] = f"{filename}:{number}"
                yield cleaned


def parse_date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def parse_flag(value: str) -> bool:
    return value.lower() in TRUE_WORDS


def read_province(directory: Path = REFERENCE_DIR) -> dict:
    return json.loads((directory / "province.json").read_text(encoding="utf-8"))


def read_districts(directory: Path = REFERENCE_DIR) -> dict[str, tuple[str, str]]:
    """Former district-level units: code → (name, kind)."""
    return {r["code"]: (r["name"], r["kind"]) for r in rows(directory, "districts-before-2025.csv")}


def read_former_communes(directory: Path = REFERENCE_DIR) -> list[FormerCommune]:
    return [
        FormerCommune(r["code"], r["name"], r["kind"], r["district_code"])
        for r in rows(directory, "communes-before-2025.csv")
    ]


def read_new_communes(directory: Path = REFERENCE_DIR) -> list[NewCommune]:
    return [
        NewCommune(
            code=r["code"], name=r["name"], kind=r["kind"],
            district_labels=split_list(r["former_district_level_units"]),
            formed_from=split_list(r["formed_from"]),
            code_previously_of=r["code_previously_of"],
        )
        for r in rows(directory, "communes-2025.csv")
    ]


def read_new_commune_dates(directory: Path = REFERENCE_DIR) -> dict[str, datetime.date]:
    return {
        r["code"]: datetime.date.fromisoformat(r["valid_from"])
        for r in rows(directory, "communes-2025.csv")
    }


def read_variants(directory: Path = REFERENCE_DIR) -> list[Variant]:
    return [
        Variant(r["district_code"], r["name_in_resolution"], r["name_in_register"])
        for r in rows(directory, "name-variants.csv")
    ]
