"""Vietnamese collation keys (ICU), stored in indexed columns so SQL orders like a clerk would.

ICU sort keys are byte strings that compare with memcmp — which is exactly how SQLite (BLOB)
and PostgreSQL (bytea) order them — so ``ORDER BY sort_key`` gives ICU's Vietnamese order on
both databases and pagination stays in SQL. Keys depend on the ICU version: after an ICU
upgrade (see :func:`collation_version`) stored keys must be recomputed.
"""

from functools import lru_cache

from core.text import canonical_tones, clean


@lru_cache(maxsize=1)
def _collator():
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def collation_version() -> str:
    """The ICU collation version the keys were made with (store it to detect upgrades)."""
    import icu

    return f"icu-{icu.ICU_VERSION}-unicode-{icu.UNICODE_VERSION}"


@lru_cache(maxsize=100_000)  # names share given names, families, places: indexing repeats them
def sort_key(text: str | None) -> bytes:
    """ICU Vietnamese sort key of a name (units, models, any text).

    Both accepted tone placements ("Hòa", "Hoà") get the same key. The key ends with a single
    0x00 byte and contains no other, so keys can be concatenated and still compare part by part.
    """
    return bytes(_collator().getSortKey(canonical_tones(text)))


def split_person_name(full_name: str | None) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese name written family-first."""
    parts = clean(full_name).split(" ")
    if not parts or parts == [""]:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def person_sort_key(full_name: str | None) -> bytes:
    """Given name, then middle name, then family name — the order of Vietnamese official lists.

    Each part's ICU key ends with a 0x00 byte that occurs nowhere else in it, so concatenated
    keys compare part by part ("Lê Văn An" before "Nguyễn Thị Bình").
    """
    family, middle, given = split_person_name(full_name)
    return sort_key(given) + sort_key(middle) + sort_key(family)
