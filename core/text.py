"""Vietnamese text: one place for normalising and folding. No Django import.

* ``clean`` — what every input boundary applies: NFC, invisible characters removed, white space
  collapsed, trimmed.
* ``fold`` — for comparison and search only: lower case, tone and vowel marks removed,
  đ/Đ/Ð → d, so that every spelling of "Đặng Thị Hoà" folds to ``dang thi hoa``.
* ``canonical_tones`` — for comparison only: the two accepted tone placements in oa/oe/uy
  ("hoà" = "hòa") mapped to one, without touching "hoàn", "huỳnh" or "suýt".
"""

import re
import unicodedata

# Zero-width and byte-order characters that Word and PDFs leave in pasted text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u3000]+")
# Characters that Unicode decomposition does not turn into plain Latin letters.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "ɖ": "d", "Ɖ": "d"})
_COMBINING_MARK = re.compile(r"[\u0300-\u036f]")


def clean(value: str | None) -> str:
    """NFC, without invisible characters, single spaces, trimmed. ``None`` becomes ``""``."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def clean_multiline(value: str | None) -> str:
    """Like :func:`clean` but keeps line breaks (one space-collapsed line each, no blank runs)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    lines = [_SPACES.sub(" ", line).strip() for line in re.split(r"\r\n|\r|\n|\u2028|\v", text)]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def fold(value: str | None) -> str:
    """Lower case, no tone or vowel marks, đ → d, single spaces."""
    text = clean(value).translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFD", text)
    text = _COMBINING_MARK.sub("", text)
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD_EXTRA)


# Old-style ("hòa") and new-style ("hoà") tone placement are both accepted in Vietnamese.
# Only the open syllables oa, oe, uy (nothing after the pair) differ; "hoàn" never varies.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE = re.compile(
    rf"(?i)([oO])([{_TONES}])([aAeE])(?![a-zA-Z\u0300-\u036f])|([uU])([{_TONES}])([yY])(?![a-zA-Z\u0300-\u036f])"
)


def canonical_tones(value: str | None) -> str:
    """Clean, then move the tone mark of open oa/oe/uy onto the second vowel ("hòa" → "hoà")."""
    text = unicodedata.normalize("NFD", clean(value))

    def move(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + match.group(3) + match.group(2)
        return match.group(4) + match.group(6) + match.group(5)

    return unicodedata.normalize("NFC", _OLD_STYLE.sub(move, text))
