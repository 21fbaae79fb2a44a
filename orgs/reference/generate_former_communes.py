"""Write the pre-2025 district- and commune-level units of Lai Châu from ``vietnamadminunits``.

Run by hand from the repository root when the dataset changes (never at run time):

    .venv/bin/python -m orgs.reference.generate_former_communes

Reads the MIT-licensed ``vietnamadminunits`` package (a dev dependency): its SQLite dataset for
the units, its 2025 converter table to cross-check ``communes-2025.csv``. Writes
``districts-before-2025.csv`` and ``communes-before-2025.csv`` next to this file, checks the
counts (8 districts; 106 communes = 94 xã + 5 phường + 7 thị trấn) and prints every
disagreement. Exit status 1 when a check fails.
"""

import csv
import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROVINCE_CODE = "12"
EXPECTED_DISTRICTS = {
    "105": "Thành phố Lai Châu",
    "106": "Huyện Tam Đường",
    "107": "Huyện Mường Tè",
    "108": "Huyện Sìn Hồ",
    "109": "Huyện Phong Thổ",
    "110": "Huyện Than Uyên",
    "111": "Huyện Tân Uyên",
    "112": "Huyện Nậm Nhùn",
}
EXPECTED_KINDS = {"xã": 94, "phường": 5, "thị trấn": 7}


def legacy_rows() -> list[dict]:
    from vietnamadminunits.database import query

    return query(
        "SELECT districtCode, district, districtType, wardCode, ward, wardType, "
        "provinceKey, districtKey, wardKey FROM admin_units_legacy "
        f"WHERE provinceCode = '{PROVINCE_CODE}' ORDER BY districtCode, wardCode"
    )


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def check_units(rows: list[dict]) -> list[str]:
    problems = []
    districts = {r["districtCode"]: r["district"] for r in rows}
    if districts != EXPECTED_DISTRICTS:
        problems.append(f"Huyện khác dự kiến: {districts}")
    kinds = Counter(r["wardType"].lower() for r in rows)
    if dict(kinds) != EXPECTED_KINDS or len({r["wardCode"] for r in rows}) != 106:
        problems.append(f"Số đơn vị cấp xã khác dự kiến: {dict(kinds)}")
    return problems


def converter_links(rows: list[dict]) -> set[tuple[str, str]]:
    """(former code, new code) pairs according to the package's 2025 converter table."""
    from vietnamadminunits.database import query

    data = json.loads(
        (resources.files("vietnamadminunits") / "data" / "converter_2025.json").read_text("utf-8")
    )
    new_codes = {
        r["wardKey"]: r["wardCode"]
        for r in query(
            f"SELECT wardKey, wardCode FROM admin_units WHERE provinceCode = '{PROVINCE_CODE}'"
        )
    }
    old_codes = {
        f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": r["wardCode"] for r in rows
    }
    links = set()
    for new_key, old_keys in data["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhlaichau"].items():
        links.update((old_codes[old], new_codes[new_key]) for old in old_keys)
    for old_key, parts in data["DICT_PROVINCE_WARD_DIVIDED"].get("tinhlaichau", {}).items():
        links.update((old_codes[old_key], new_codes[part["newWardKey"]]) for part in parts)
    return links


def cross_check(rows: list[dict]) -> list[str]:
    """Match communes-2025.csv as the loader does and compare with the converter table."""
    from orgs.reference.files import read_former_communes, read_new_communes, read_variants
    from orgs.reference.matching import match_communes

    matching = match_communes(
        read_new_communes(HERE), read_former_communes(HERE), EXPECTED_DISTRICTS,
        read_variants(HERE),
    )
    ours = set(matching.commune_links)
    theirs = converter_links(rows)
    problems = list(matching.problems)
    problems += [f"Chỉ có trong communes-2025.csv: {pair}" for pair in sorted(ours - theirs)]
    problems += [f"Chỉ có trong bảng chuyển đổi: {pair}" for pair in sorted(theirs - ours)]
    return problems


def main() -> int:
    rows = legacy_rows()
    problems = check_units(rows)
    districts = sorted({(r["districtCode"], r["district"], r["districtType"]) for r in rows})
    write_csv(
        HERE / "districts-before-2025.csv", ["code", "name", "kind"],
        [[code, name, kind.lower()] for code, name, kind in districts],
    )
    write_csv(
        HERE / "communes-before-2025.csv", ["code", "name", "kind", "district_code"],
        [[r["wardCode"], r["ward"], r["wardType"].lower(), r["districtCode"]] for r in rows],
    )
    problems += cross_check(rows)
    for problem in problems:
        print(problem)
    print(f"{len(districts)} huyện, {len(rows)} xã/phường/thị trấn; {len(problems)} vấn đề.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
