"""Every threshold comes from the pack: change the pack, the verdict changes, no code changes."""

import ast
from pathlib import Path

import pytest

import evaluation
from evaluation.engine import MEASURES, Evaluator, Status, UnsupportedPack
from guidance.measures import MEASURES as PARAM_SCHEMAS
from guidance.pack import DEFER_CROSS_CHECKS, Pack
from tests.evaluation.helpers import Y, case, result
from tests.evaluation.packdata import make_pack, pack_content

PASS, FAIL = Status.PASS, Status.FAIL
APP_DIR = Path(evaluation.__file__).parent
ENGINE_FILES = sorted((APP_DIR / "engine").glob("*.py"))


def k1(evaluator: Evaluator, value: float):
    return result("K1", evaluator, kind="collective", field="k", rated=True,
                  cchc={str(Y): {"par_index": value}, str(Y - 1): {"par_index": value}})


def test_k1_at_90_percent_turns_an_87_percent_case_from_pass_to_fail():
    assert k1(Evaluator(make_pack()), 87).status is PASS
    stricter = k1(Evaluator(make_pack(K1={"min": 90})), 87)
    assert (stricter.status, stricter.reason) == (
        FAIL, "Chỉ số CCHC năm 2025 đạt 87%, năm 2024 đạt 87%, đều dưới 90%.")


@pytest.mark.parametrize(
    ("code", "params", "data", "before", "after"),
    [
        ("G4", {"years": 3}, {"kind": "individual", "rated": True,
                              "ratings": {"2023": "xuat_sac", "2024": "tot", "2025": "tot"}},
         Status.UNKNOWN, PASS),
        ("G4", {"min_level": "hoan_thanh"}, {"kind": "individual", "rated": True, "ratings": {
            str(y): "hoan_thanh" if y != Y else "xuat_sac" for y in range(Y - 4, Y + 1)}},
         FAIL, PASS),
        ("G4", {"require_count": 2}, {"kind": "individual", "rated": True, "ratings": {
            str(y): "xuat_sac" if y == Y else "tot" for y in range(Y - 4, Y + 1)}}, PASS, FAIL),
        ("G6", {"years": 2}, {"kind": "household", "cultural_family_years": [Y - 1, Y],
                              "violations": [{"year": Y - 3, "kind": "law"}]}, FAIL, PASS),
        ("K2", {"adjacent_years": 0}, {"kind": "collective", "field": "k", "rated": True,
                                       "cchc": {str(Y): {"satisfaction": 90},
                                                str(Y - 1): {"satisfaction": 99}}}, PASS, FAIL),
        ("K3", {"max": 2}, {"kind": "collective", "field": "k", "cchc": {
            str(Y): {"overdue_dossiers": 2}}}, FAIL, PASS),
        ("K4", {"fail_from": "ha_bac_luong"}, {"kind": "collective", "field": "k", "cchc": {
            str(Y): {"disciplines": ["canh_cao"]}}}, FAIL, PASS),
        ("K4", {"fail_from": "khien_trach"}, {"kind": "collective", "field": "k", "cchc": {
            str(Y): {"disciplines": ["khien_trach"]}}}, PASS, FAIL),
        ("N1", {"metrics": ["revenue"]}, {"kind": "individual", "field": "n", "business": {
            str(Y): {"revenue": {"actual": 2, "plan": 1}, "profit": {"actual": 1, "plan": 2}}}},
         Status.UNKNOWN, PASS),
        ("N2", {"max": 1000}, {"kind": "individual", "field": "n", "tax_arrears": 999},
         FAIL, PASS),
        ("N3", {"min_years": 3}, {"kind": "household", "field": "n",
                                  "household_production": {"stable_since": Y - 2}}, PASS, FAIL),
        ("N4", {"min": 3}, {"kind": "household", "field": "n",
                            "household_production": {"households_helped": 2}}, PASS, FAIL),
        ("N5", {"min": 4}, {"kind": "household", "field": "n",
                            "household_production": {"jobs_created": 4}}, FAIL, PASS),
        ("M1", {"min_count": 2}, {"kind": "household", "field": "m",
                                  "charity_commendations": [{"number": "1"}]}, PASS, FAIL),
    ],
)
def test_each_threshold_is_read_from_the_pack(code, params, data, before, after):
    assert result(code, Evaluator(make_pack()), **data).status is before
    assert result(code, Evaluator(make_pack(**{code: params})), **data).status is after


def test_labels_come_from_the_pack_scales():
    content = pack_content()
    content["ratings"][1]["label"] = "Tốt"
    got = result("G4", Evaluator(Pack.model_validate(content)), kind="individual", rated=True,
                 ratings={str(y): "tot" for y in range(Y - 4, Y + 1)})
    assert got.reason.startswith("Các năm 2021–2025 đều xếp loại từ “Tốt” trở lên")


def test_applicability_comes_from_the_pack():
    content = pack_content()
    for criterion in content["criteria"]:
        if criterion["code"] == "K3":
            criterion["kinds"] = ["collective", "individual"]
    evaluator = Evaluator(Pack.model_validate(content))
    got = evaluator.evaluate(case(kind="individual", field="k"))
    assert "K3" in [r.code for r in got.criteria]


def test_every_measure_a_pack_may_name_is_implemented():
    assert set(MEASURES) == set(PARAM_SCHEMAS)


def test_a_pack_with_a_measure_the_engine_lacks_is_refused_when_built(monkeypatch):
    monkeypatch.delitem(MEASURES, "jobs_created")
    with pytest.raises(UnsupportedPack, match="tiêu chuẩn N5: cách đánh giá “jobs_created”"):
        Evaluator(make_pack())


def test_a_pack_with_bad_params_is_refused_when_built():
    content = pack_content()
    next(c for c in content["criteria"] if c["code"] == "K1")["params"] = {"metric": "par_index"}
    pack = Pack.model_validate(content, context={DEFER_CROSS_CHECKS: True})
    with pytest.raises(UnsupportedPack, match=r"criteria\[\d+\]\.params\.min"):
        Evaluator(pack)


# Thresholds of guidance 2533 that must never appear as numbers in the engine's code.
GUIDANCE_NUMBERS = {85, 95, 5, 2, 0.85, 0.95}


def _numbers_in(path: Path) -> set[tuple[int, object]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and type(node.value) in (int, float)
            and node.value in GUIDANCE_NUMBERS}


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_the_engine_code_has_no_threshold_of_the_guidance(path):
    assert _numbers_in(path) == set()
