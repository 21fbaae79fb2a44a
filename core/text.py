"""Vietnamese text: one place for normalising and folding. No Django import.

* ``clean`` — what every input boundary applies: NFC, invisible characters removed, look-alikes
  of Đ replaced, white space collapsed, trimmed.
* ``fold`` — for comparison and search only: lower case, tone and vowel marks removed,
  đ/Đ/Ð → d, so that every spelling of "Đặng Thị Hoà" folds to ``dang thi hoa``.
* ``canonical_tones`` — for comparison only: the two accepted tone placements in oa/oe/uy
  ("hoà" = "hòa") mapped to one, without touching "hoàn", "huỳnh" or "suýt".
* ``exact_form`` — comparison with diacritics: canonical tones, lower case.
* ``ocr_skeleton`` — a fold in which the letters scanners confuse (l/1/i, rn/m, 0/o…) are
  merged, so "Dặng Thi Mal" and "Đặng Thị Mai" compare equal.
"""

import re
import unicodedata

# Zero-width and byte-order characters that Word and PDFs leave in pasted text. (A regex: much
# faster than str.translate with a dict, and clean() runs on every input.)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u3000]+")
# Eth (U+00D0) and African D (U+0189) look exactly like Đ; a D followed by a combining stroke
# overlay is how some converters write it. All are Đ in Vietnamese text.
_D_LOOKALIKES = re.compile("[\u00d0\u0189]|D[\u0335\u0336]|(d[\u0335\u0336])")
# Characters that decomposition does not turn into plain Latin letters.
_FOLD_EXTRA = re.compile("[đðɖı]")
_FOLD_EXTRA_FOR = {"đ": "d", "ð": "d", "ɖ": "d", "ı": "i"}
# Combining marks (accents, tones, horn, breve, circumflex, stroke overlays…).
MARK_RANGES = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_MARK = re.compile(f"[{MARK_RANGES}]")


def _fix_d(match: re.Match[str]) -> str:
    return "đ" if match.group(1) else "Đ"


def clean(value: str | None) -> str:
    """NFC, without invisible characters, Đ look-alikes fixed, single spaces, trimmed.

    ``None`` becomes ``""``.
    """
    if value is None:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)))
    text = _D_LOOKALIKES.sub(_fix_d, text)
    return _SPACES.sub(" ", text).strip()


def clean_multiline(value: str | None) -> str:
    """Like :func:`clean` but keeps line breaks (one space-collapsed line each, no blank runs)."""
    if value is None:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)))
    text = _D_LOOKALIKES.sub(_fix_d, text)
    lines = [_SPACES.sub(" ", line).strip() for line in re.split(r"\r\n|\r|\n|\u2028|\v", text)]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _fold_cleaned(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    return _FOLD_EXTRA.sub(lambda m: _FOLD_EXTRA_FOR[m.group()], _COMBINING_MARK.sub("", text))


def fold(value: str | None) -> str:
    """Lower case, no tone or vowel marks, đ → d, compatibility forms (full-width…) plain.

    Every step works character by character, so folding a word alone gives the same letters
    as folding it inside a sentence.
    """
    return _fold_cleaned(clean(value))


# Old-style ("hòa") and new-style ("hoà") tone placement are both accepted in Vietnamese.
# Only the open syllables oa, oe, uy (nothing after the pair) differ; "hoàn" never varies.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE = re.compile(
    rf"(?i)([oO])([{_TONES}])([aAeE])(?![a-zA-Z{MARK_RANGES}])"
    rf"|([uU])([{_TONES}])([yY])(?![a-zA-Z{MARK_RANGES}])"
)


def canonical_tones(value: str | None) -> str:
    """Clean, then move the tone mark of open oa/oe/uy onto the second vowel ("hòa" → "hoà")."""
    text = unicodedata.normalize("NFD", clean(value))

    def move(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + match.group(3) + match.group(2)
        return match.group(4) + match.group(6) + match.group(5)

    return unicodedata.normalize("NFC", _OLD_STYLE.sub(move, text))


def exact_form(value: str | None) -> str:
    """For comparison with diacritics: canonical tone placement, lower case, NFC."""
    return unicodedata.normalize("NFC", canonical_tones(value).lower())


# Confusions of scanned text: pairs of letters read as one, then single characters.
_OCR_PAIRS = re.compile("rn|cl|vv")
_OCR_PAIR_FOR = {"rn": "m", "cl": "d", "vv": "w"}
_OCR_CHARS = str.maketrans({"l": "i", "1": "i", "|": "i", "!": "i", "0": "o", "5": "s", "8": "b"})


def ocr_skeleton(value: str | None) -> str:
    """The fold of ``value`` with the characters OCR confuses merged: l/1/i → i, rn → m,
    cl → d, vv → w, 0 → o, 5 → s, 8 → b. Equal skeletons = "could be the same scan"."""
    text = _OCR_PAIRS.sub(lambda m: _OCR_PAIR_FOR[m.group()], fold(value))
    return text.translate(_OCR_CHARS)


def same_under_ocr(first: str | None, second: str | None) -> bool:
    """True when the two texts may be the same words read by a scanner."""
    return ocr_skeleton(first) == ocr_skeleton(second)
