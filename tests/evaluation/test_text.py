"""Vietnamese figures in reasons: decimal comma, dot for thousands, no misleading rounding."""

import pytest

from evaluation.engine import text as t


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (87.5, "87,5"),
        (85, "85"),
        (85.0, "85"),
        (84.99, "84,99"),
        (84.999, "84,999"),  # never "85" next to "dưới 85%"
        (12_500_000, "12.500.000"),
        (1_234_567.25, "1.234.567,25"),
        (-5.5, "-5,5"),
        (0.0, "0"),
    ],
)
def test_number(value, text):
    assert t.number(value) == text


def test_percent_and_years():
    assert t.percent(87.5) == "87,5%"
    assert t.years_phrase([2022]) == "năm 2022"
    assert t.years_phrase([2022, 2021]) == "các năm 2021, 2022"
    assert t.span(2021, 2025) == "2021–2025"


@pytest.mark.parametrize(
    ("value", "text"),
    [("2024-03-01", "01/03/2024"), ("2025-10-03T09:30:00+07:00", "03/10/2025"),
     ("tháng 3/2024", "tháng 3/2024"), (None, "")],
)
def test_date(value, text):
    assert t.date(value) == text


def test_document_names_only_known_parts():
    assert t.document("12/QĐ-UBND", "2024-03-01", "UBND tỉnh", "x") == (
        "số 12/QĐ-UBND ngày 01/03/2024 của UBND tỉnh")
    assert t.document(None, None, None, "Giấy khen") == "“Giấy khen”"
    assert t.document(None, None, None, None) == "không rõ số hiệu"
