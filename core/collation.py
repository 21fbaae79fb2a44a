"""Vietnamese collation keys (ICU), stored in indexed columns so SQL orders like a clerk would.

ICU sort keys are byte strings that compare with memcmp — which is exactly how SQLite (BLOB)
and PostgreSQL (bytea) order them — so ``ORDER BY sort_key`` gives ICU's Vietnamese order on
both databases and pagination stays in SQL.
"""

from functools import lru_cache

from core.text import clean


@lru_cache(maxsize=1)
def _collator():
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def sort_key(text: str | None) -> bytes:
    """ICU Vietnamese sort key of a name (units, models, any text)."""
    return bytes(_collator().getSortKey(clean(text)))


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
    keys compare part by part.
    """
    family, middle, given = split_person_name(full_name)
    return sort_key(given) + sort_key(middle) + sort_key(family)
