"""Match the names written in Nghị quyết 1670/NQ-UBTVQH15 to the former units' registered names.

Plain Python (no Django) so the generator script can use it too. Names are compared by
``fold(canonical_tones(name))`` — "Pa Khoá" = "Pa Khóa", "Pa ủ" = "Pa Ủ", "Tà Gia" = "Ta Gia" —
within the former district-level units listed for the new commune. Spellings that differ by
more than marks are listed explicitly in ``name-variants.csv``.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.text import canonical_tones, clean, fold

# "Xã Mù Cả (giữ nguyên)": a remark in brackets is not part of the name.
_REMARK = re.compile(r"\s*\([^)]*\)\s*$")
_DISTRICT_PREFIX = re.compile(r"^(thanh pho|thi xa|huyen|tp\.?)\s+")


@dataclass(frozen=True)
class FormerCommune:
    code: str
    name: str
    kind: str
    district_code: str


@dataclass(frozen=True)
class NewCommune:
    code: str
    name: str
    kind: str
    district_labels: tuple[str, ...]
    formed_from: tuple[str, ...]
    code_previously_of: str


@dataclass(frozen=True)
class Variant:
    district_code: str
    name_in_resolution: str
    name_in_register: str


def name_key(name: str) -> str:
    """Comparison key of a unit name: remark dropped, tone placement unified, folded."""
    return fold(canonical_tones(_REMARK.sub("", clean(name))))


def district_key(label: str) -> str:
    """"TP Lai Châu", "Thành phố Lai Châu" → "lai chau"; "Huyện Tam Đường" → "tam duong"."""
    return _DISTRICT_PREFIX.sub("", fold(label))


def split_list(value: str) -> tuple[str, ...]:
    return tuple(part for part in (clean(p) for p in value.split(";")) if part)


@dataclass
class Matching:
    """Result of matching: (former code, new code) pairs and per-district pairs, plus problems."""

    commune_links: list[tuple[str, str]]
    district_links: list[tuple[str, str]]
    problems: list[str]


def match_communes(
    new_communes: Iterable[NewCommune],
    former_communes: Iterable[FormerCommune],
    districts: Mapping[str, str],
    variants: Iterable[Variant] = (),
) -> Matching:
    """Resolve every ``formed_from`` name to a former commune code.

    ``districts`` maps a former district code to its name. A name is looked up among the former
    communes of the districts listed for the new commune; a variant maps a resolution spelling
    to the register spelling within one district.
    """
    by_district: dict[str, dict[str, FormerCommune]] = {}
    for commune in former_communes:
        by_district.setdefault(commune.district_code, {})[name_key(commune.name)] = commune
    district_by_key = {district_key(name): code for code, name in districts.items()}
    aliases = {
        (v.district_code, name_key(v.name_in_resolution)): name_key(v.name_in_register)
        for v in variants
    }

    result = Matching([], [], [])
    for new in new_communes:
        codes = []
        for label in new.district_labels:
            code = district_by_key.get(district_key(label))
            if code is None:
                result.problems.append(f"{new.code} {new.name}: không rõ huyện cũ «{label}»")
            else:
                codes.append(code)
                result.district_links.append((code, new.code))
        for written in new.formed_from:
            found = _find(name_key(written), codes, by_district, aliases)
            if found is None:
                result.problems.append(
                    f"{new.code} {new.name}: không tìm thấy «{written}» trong "
                    f"{', '.join(new.district_labels)}"
                )
            else:
                result.commune_links.append((found.code, new.code))
    return result


def _find(
    key: str,
    district_codes: list[str],
    by_district: Mapping[str, Mapping[str, FormerCommune]],
    aliases: Mapping[tuple[str, str], str],
) -> FormerCommune | None:
    for code in district_codes:
        communes = by_district.get(code, {})
        commune = communes.get(key) or communes.get(aliases.get((code, key), ""))
        if commune is not None:
            return commune
    return None
