"""The registration import's unit resolver reads the departments' abbreviations lists write
(issue 17): "Sở LĐ-TB&XH", "BQL", "PTNT" … as the units stood on the day asked."""

import datetime

import pytest

from orgs.selectors import resolve_unit

END_OF_2024 = datetime.date(2024, 12, 31)


@pytest.mark.parametrize(("text", "code"), [
    ("Sở LĐ-TB&XH", "SLDTBXH"), ("SỞ LĐTBXH", "SLDTBXH"), ("BQL Khu kinh tế", "BQLKKT"),
    ("Ban QL Khu kinh tế tỉnh", "BQLKKT"), ("Sở Nông nghiệp và PTNT", "SNNPTNT"),
    ("Sở NN&PTNT", "SNNPTNT"), ("Sở GD&ĐT", "SGDDT"), ("Sở TNMT", "STNMT"),
    ("Sở KH&ĐT", "SKHDT"), ("Sở VH, TT&DL", "SVHTTDL"), ("Sở GTVT", "SGTVT"),
])
def test_a_2024_abbreviation_names_its_department(loaded, text, code):
    found = resolve_unit(text, on=END_OF_2024)
    assert found.unit is not None and found.unit.code == code, (text, found.candidates)
    assert found.unit.is_valid_on(END_OF_2024)


def test_an_abbreviation_of_a_merged_department_leads_to_its_successor_later(loaded):
    found = resolve_unit("Sở LĐ-TB&XH", on=datetime.date(2025, 7, 1))
    assert found.unit.code == "SNV" and found.former.code == "SLDTBXH"
