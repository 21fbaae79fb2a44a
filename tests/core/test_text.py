"""The Vietnamese text core against spellings met in real input."""

import unicodedata

import pytest

from core.text import (
    canonical_tones,
    clean,
    clean_multiline,
    exact_form,
    fold,
    ocr_skeleton,
    same_under_ocr,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731  a table helper

FOLDS = [
    ("Đặng Thị Hoà", "dang thi hoa"),
    ("Đặng Thị Hòa", "dang thi hoa"),
    (NFD("Đặng Thị Hoà"), "dang thi hoa"),
    ("\u00d0ặng Thị Hoà", "dang thi hoa"),  # Ð (Eth) pasted for Đ
    ("\u0189ặng Thị Hoà", "dang thi hoa"),  # Ɖ (African D)
    ("D\u0335ặng Thị Hoà", "dang thi hoa"),  # D + combining short stroke
    ("ĐẶNG THỊ HOÀ", "dang thi hoa"),
    ("  Đặng\u00a0Thị\u200b Hoà\ufeff ", "dang thi hoa"),
    ("Đặng\u2002\u2002Thị \t Hoà", "dang thi hoa"),
    ("Nguyễn Thị Thuỷ", "nguyen thi thuy"),
    ("Nguyễn Thị Thủy", "nguyen thi thuy"),
    ("Lò Văn Ểnh", "lo van enh"),
    ("Ủy ban nhân dân xã Bản Giang", "uy ban nhan dan xa ban giang"),
    ("Trường THCS số 1", "truong thcs so 1"),
    ("Ｔｒườｎｇ", "truong"),  # full-width letters from some PDFs
    ("Sùng A Sử", "sung a su"),
    ("Phường Đông Phong", "phuong dong phong"),
    ("Ơ Ư ơ ư Ă Â Ê Ô", "o u o u a a e o"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize(("raw", "folded"), FOLDS)
def test_fold(raw, folded):
    assert fold(raw) == folded


CLEANS = [
    (NFD("Đặng Thị Mai"), "Đặng Thị Mai"),
    ("\u00d0ặng Thị Mai", "Đặng Thị Mai"),
    ("d\u0335ặng", "đặng"),
    (" Lò\u00a0Văn\u200b  Thắng\u00ad ", "Lò Văn Thắng"),
    ("Hoà", "Hoà"),  # clean keeps the writer's tone placement
    (None, ""),
]


@pytest.mark.parametrize(("raw", "cleaned"), CLEANS)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned
    assert unicodedata.is_normalized("NFC", clean(raw))


def test_clean_multiline_keeps_single_blank_lines():
    assert clean_multiline(" Một\u00a0 dòng \r\n\r\n\r\n Hai\u200b ") == "Một dòng\n\nHai"


TONES = [
    ("hòa", "hoà"), ("hoà", "hoà"), ("HÒA", "HOÀ"), ("Khỏe", "Khoẻ"), ("khoẻ", "khoẻ"),
    ("xòe", "xoè"), ("thủy", "thuỷ"), ("Thụy", "Thuỵ"), ("Ủy ban", "Uỷ ban"),
    (NFD("hòa"), "hoà"),
    # Closed or longer syllables have one placement only: untouched.
    ("hoàn", "hoàn"), ("Hoàng", "Hoàng"), ("huỳnh", "huỳnh"), ("suýt", "suýt"), ("quý", "quý"),
    ("quỳnh", "quỳnh"), ("khuỷu", "khuỷu"), ("xoài", "xoài"), ("hoặc", "hoặc"),
    ("của", "của"), ("mùa", "mùa"), ("tuyết", "tuyết"), ("ngoẻo", "ngoẻo"),
]


@pytest.mark.parametrize(("raw", "canonical"), TONES)
def test_canonical_tones(raw, canonical):
    assert canonical_tones(raw) == canonical


def test_both_tone_placements_compare_equal_with_diacritics():
    assert exact_form("Nguyễn Văn Hòa") == exact_form("NGUYỄN VĂN HOÀ") == "nguyễn văn hoà"
    assert exact_form("Thủy") == exact_form("Thuỷ")
    assert exact_form("Hoàn") != exact_form("Hoà")


OCR_SAME = [
    ("Dặng Thi Mal", "Đặng Thị Mai"),
    ("Hoàng Văn Narn", "Hoàng Văn Nam"),
    ("1ò Văn Thắng", "Lò Văn Thắng"),
    ("Tòng Thị H0a", "Tòng Thị Hoa"),
    ("Lường Văn Dũng", "Lường Văn Dũng"),
]


@pytest.mark.parametrize(("scanned", "written"), OCR_SAME)
def test_ocr_skeleton_merges_scanner_confusions(scanned, written):
    assert same_under_ocr(scanned, written)


def test_ocr_skeleton_keeps_different_names_apart():
    assert ocr_skeleton("Đặng Thị Mai") == "dang thi mai"
    assert not same_under_ocr("Đặng Thị Mai", "Đặng Thị Mơ")
    assert not same_under_ocr("Lò Văn An", "Lò Văn Anh")
