"""Parsing the ``evaluate_case`` JSON into a Case: absent vs empty, and malformed input."""

import dataclasses
import json

import pytest

from evaluation.engine.case import (
    Case,
    CaseError,
    CchcYear,
    Document,
    Figure,
    HouseholdProduction,
    Judgement,
    Violation,
)
from tests.evaluation.helpers import EVALUATOR, Y

FULL = {
    "kind": "collective",
    "field": "k",
    "year": Y,
    "rated": True,
    "ratings": {"2021": "tot", "2025": "xuat_sac"},
    "recognitions": [{"number": "12/QĐ-UBND", "date": "2024-01-05", "authority": "UBND tỉnh",
                      "content": "Công nhận"}],
    "cultural_family_years": [2024, 2025],
    "violations": [{"year": 2023, "kind": "traffic", "member": "Lò Văn Thắng"}],
    "cchc": {"2025": {"par_index": 87.5, "satisfaction": 96, "overdue_dossiers": 0,
                      "disciplines": ["khien_trach"]}},
    "cchc_initiative": False,
    "business": {"2025": {"revenue": {"actual": 10, "plan": 9}, "profit": {"actual": -1}}},
    "tax_arrears": 0,
    "household_production": {"stable_since": 2020, "households_helped": 3, "jobs_created": 7},
    "charity_commendations": [{"number": "3/QĐ", "date": "2023-02-01"}],
    "judgements": {"G1": True, "G2": {"passed": False, "by": "Tẩn Láo Hậu",
                                      "at": "2025-10-01", "note": "Cần bổ sung."}},
}


def parse(data, **kwargs):
    return Case.from_json(data, vocabulary=EVALUATOR.vocabulary, **kwargs)


def test_full_case_parses_into_typed_values():
    case = parse(FULL)
    assert case.kind == "collective" and case.year == Y and case.field == "k" and case.rated
    assert dict(case.ratings) == {2021: "tot", 2025: "xuat_sac"}
    assert case.recognitions == (Document("12/QĐ-UBND", "2024-01-05", "UBND tỉnh", "Công nhận"),)
    assert case.cultural_family_years == frozenset({2024, 2025})
    assert case.violations == (Violation(2023, "traffic", "Lò Văn Thắng"),)
    assert case.cchc[2025] == CchcYear(87.5, 96, 0, ("khien_trach",))
    assert case.cchc_initiative is False
    assert dict(case.business[2025]) == {"revenue": Figure(10, 9), "profit": Figure(-1, None)}
    assert case.tax_arrears == 0
    assert case.household_production == HouseholdProduction(2020, 3, 7)
    assert case.charity_commendations == (Document("3/QĐ", "2023-02-01"),)
    assert case.judgements["G1"] == Judgement(passed=True)
    assert case.judgements["G2"] == Judgement(False, "Tẩn Láo Hậu", "2025-10-01", "Cần bổ sung.")


def test_minimal_case_has_every_kind_of_evidence_absent():
    case = parse({"kind": "household", "year": Y})
    optional = [f.name for f in dataclasses.fields(Case) if f.name not in ("kind", "year")]
    assert all(getattr(case, name) is None for name in optional)


@pytest.mark.parametrize(
    ("key", "empty", "expected"),
    [
        ("ratings", {}, {}),
        ("recognitions", [], ()),
        ("cultural_family_years", [], frozenset()),
        ("violations", [], ()),
        ("cchc", {}, {}),
        ("business", {}, {}),
        ("charity_commendations", [], ()),
        ("judgements", {}, {}),
    ],
)
def test_empty_is_kept_distinct_from_absent(key, empty, expected):
    provided = getattr(parse({"kind": "collective", "year": Y, key: empty}), key)
    assert provided is not None and provided == expected
    assert getattr(parse({"kind": "collective", "year": Y}), key) is None
    assert getattr(parse({"kind": "collective", "year": Y, key: None}), key) is None


def test_round_trip_through_to_json():
    case = parse(FULL)
    assert parse(json.loads(json.dumps(case.to_json()))) == case


def test_a_case_is_immutable_even_when_built_from_plain_containers():
    case = Case(kind="household", year=Y, ratings={2025: "tot"}, violations=[],
                cultural_family_years={2025})
    assert case.violations == () and case.cultural_family_years == frozenset({2025})
    with pytest.raises(TypeError):
        case.ratings[2024] = "tot"  # type: ignore[index]  # the point: it must refuse
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.year = 2024  # type: ignore[misc]  # the point: it must refuse


def test_text_is_normalised_at_the_boundary():
    decomposed = "Lo\u0300 Va\u0306n  Tha\u0306\u0301ng "  # NFD with double space
    case = parse({"kind": "household", "year": Y,
                  "violations": [{"year": Y, "kind": " law ", "member": decomposed}]})
    assert case.violations[0] == Violation(Y, "law", "Lò Văn Thắng")


def test_field_key_in_nfd_is_still_the_field():
    assert parse({"kind": "model", "year": Y, "field": "\u0111"}).field == "đ"


MALFORMED = [
    # (input, path, fragment of the message)
    ([], "", "phải là một đối tượng JSON"),
    ({"year": Y}, "kind", "thiếu khóa bắt buộc"),
    ({"kind": "collective"}, "year", "thiếu khóa bắt buộc"),
    ({"kind": "team", "year": Y}, "kind", "loại đối tượng “team” không hợp lệ"),
    ({"kind": "collective", "year": "2025"}, "year", "phải là số nguyên, nhận được chuỗi “2025”"),
    ({"kind": "collective", "year": 2025.0}, "year", "phải là số nguyên"),
    ({"kind": "collective", "year": True}, "year", "phải là số nguyên, nhận được giá trị true"),
    ({"kind": "collective", "year": 25}, "year", "năm 25 không hợp lệ"),
    ({"kind": "collective", "year": Y, "rating": {}}, "", "khóa không được hỗ trợ: rating"),
    ({"kind": "collective", "year": Y, "field": "c"}, "field", "lĩnh vực “c” không hợp lệ"),
    ({"kind": "collective", "year": Y, "field": "z"}, "field", "lĩnh vực “z” không hợp lệ"),
    ({"kind": "collective", "year": Y, "rated": 1}, "rated", "phải là true hoặc false"),
    ({"kind": "collective", "year": Y, "ratings": {"2024": "gioi"}}, "ratings.2024",
     "mức xếp loại “gioi” không hợp lệ (chọn một trong: hoan_thanh, khong_hoan_thanh, tot, "
     "xuat_sac)"),
    ({"kind": "collective", "year": Y, "ratings": {"năm 2024": "tot"}}, "ratings.năm 2024",
     "khóa phải là một năm"),
    ({"kind": "collective", "year": Y, "ratings": ["tot"]}, "ratings", "phải là một đối tượng"),
    ({"kind": "collective", "year": Y, "ratings": {"2024": "tot", 2024: "tot"}}, "ratings.2024",
     "năm 2024 bị khai báo hai lần"),
    ({"kind": "collective", "year": Y, "recognitions": {}}, "recognitions",
     "phải là một danh sách"),
    ({"kind": "collective", "year": Y, "recognitions": [{"number": 12}]},
     "recognitions[0].number", "phải là chuỗi ký tự"),
    ({"kind": "collective", "year": Y, "recognitions": [{}, {"so": "1"}]}, "recognitions[1]",
     "khóa không được hỗ trợ: so"),
    ({"kind": "household", "year": Y, "cultural_family_years": [2024, "2025"]},
     "cultural_family_years[1]", "phải là số nguyên"),
    ({"kind": "household", "year": Y, "violations": [{"year": 2024}]}, "violations[0].kind",
     "thiếu khóa bắt buộc"),
    ({"kind": "household", "year": Y, "violations": [{"year": 2024, "kind": "drugs"}]},
     "violations[0].kind", "loại vi phạm “drugs” không hợp lệ"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"par_index": "87%"}}},
     "cchc.2025.par_index", "phải là một số"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"par_index": 101}}},
     "cchc.2025.par_index", "không được lớn hơn 100"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"satisfaction": -1}}},
     "cchc.2025.satisfaction", "không được nhỏ hơn 0"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"par_index": float("nan")}}},
     "cchc.2025.par_index", "phải là một số"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"overdue_dossiers": -1}}},
     "cchc.2025.overdue_dossiers", "không được nhỏ hơn 0"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"overdue_dossiers": 1.5}}},
     "cchc.2025.overdue_dossiers", "phải là số nguyên"),
    ({"kind": "collective", "year": Y, "cchc": {"2025": {"disciplines": ["phe_binh"]}}},
     "cchc.2025.disciplines[0]", "hình thức kỷ luật “phe_binh” không hợp lệ"),
    ({"kind": "collective", "year": Y, "cchc_initiative": "yes"}, "cchc_initiative",
     "phải là true hoặc false"),
    ({"kind": "collective", "year": Y, "business": {"2025": {"turnover": {"actual": 1}}}},
     "business.2025", "khóa không được hỗ trợ: turnover"),
    ({"kind": "collective", "year": Y, "business": {"2025": {"revenue": {"actual": True}}}},
     "business.2025.revenue.actual", "phải là một số"),
    ({"kind": "collective", "year": Y, "business": {"2025": {"revenue": 5}}},
     "business.2025.revenue", "phải là một đối tượng"),
    ({"kind": "collective", "year": Y, "tax_arrears": -5}, "tax_arrears", "không được nhỏ hơn 0"),
    ({"kind": "household", "year": Y, "household_production": {"jobs_created": -1}},
     "household_production.jobs_created", "không được nhỏ hơn 0"),
    ({"kind": "household", "year": Y, "household_production": {"households_helped": True}},
     "household_production.households_helped", "phải là số nguyên"),
    ({"kind": "household", "year": Y, "household_production": {"stable_since": "2020"}},
     "household_production.stable_since", "phải là số nguyên"),
    ({"kind": "household", "year": Y, "charity_commendations": [None]},
     "charity_commendations[0]", "phải là một đối tượng"),
    ({"kind": "collective", "year": Y, "judgements": {"G1": "đạt"}}, "judgements.G1",
     "phải là true, false hoặc một đối tượng"),
    ({"kind": "collective", "year": Y, "judgements": {"G1": None}}, "judgements.G1",
     "không được là null"),
    ({"kind": "collective", "year": Y, "judgements": {"G1": {"by": "A"}}},
     "judgements.G1.passed", "thiếu khóa bắt buộc"),
    ({"kind": "collective", "year": Y, "judgements": {"K1": True}}, "judgements.K1",
     "“K1” không phải tiêu chuẩn cần ý kiến thẩm định"),
    ({"kind": "collective", "year": Y, "judgements": {"G9": True}}, "judgements.G9",
     "không phải tiêu chuẩn cần ý kiến thẩm định"),
]


@pytest.mark.parametrize(("data", "path", "fragment"), MALFORMED)
def test_malformed_input_names_the_key_in_vietnamese(data, path, fragment):
    with pytest.raises(CaseError) as caught:
        parse(data)
    assert caught.value.path == path
    assert fragment in str(caught.value)
    if path:
        assert str(caught.value).startswith(f"“{path}”: ")


def test_without_a_pack_the_contract_vocabulary_applies():
    case = Case.from_json({"kind": "model", "year": Y, "field": "anything",
                           "judgements": {"X9": True}})
    assert case.field == "anything" and case.judgements["X9"].passed
    with pytest.raises(CaseError, match="mức xếp loại"):
        Case.from_json({"kind": "model", "year": Y, "ratings": {"2025": "gioi"}})
