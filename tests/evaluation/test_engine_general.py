"""General criteria G1–G6, applicability and the overall verdict."""

import gc

import pytest

from evaluation.engine import Evaluator, Status, evaluate, evaluator_for
from evaluation.engine.case import Case, CchcYear
from guidance.pack import Pack
from tests.evaluation.helpers import EVALUATOR, WINDOW, Y, case, codes, ratings, result, verdict
from tests.evaluation.packdata import SELECTABLE_FIELDS, make_pack, pack_content

PASS, FAIL, UNKNOWN, REVIEW = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NEEDS_REVIEW
ALL_JUDGED = {"G1": True, "G2": True, "G3": True}


# --- applicability ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param({"kind": "model", "field": "d1"}, ["G1", "G2", "G3", "F-d1"], id="model"),
        pytest.param({"kind": "model", "field": "k"}, ["G1", "G2", "G3", "F-k"], id="model-k"),
        pytest.param({"kind": "model", "field": "n"}, ["G1", "G2", "G3", "F-n"], id="model-n"),
        pytest.param({"kind": "model", "field": "m"}, ["G1", "G2", "G3", "F-m"], id="model-m"),
        pytest.param({"kind": "model"}, ["G1", "G2", "G3"], id="model-no-field"),
        pytest.param({"kind": "collective", "field": "k", "rated": True},
                     ["G1", "G2", "G3", "G4", "F-k", "K1", "K2", "K3", "K4", "K5"],
                     id="collective-k-rated"),
        pytest.param({"kind": "collective", "field": "a", "rated": False},
                     ["G1", "G2", "G3", "G5", "F-a"], id="collective-not-rated"),
        pytest.param({"kind": "individual", "field": "k", "rated": True},
                     ["G1", "G2", "G3", "G4", "F-k", "K5"], id="individual-k"),
        pytest.param({"kind": "individual", "field": "n"},
                     ["G1", "G2", "G3", "G4", "F-n", "N1", "N2"], id="individual-n-rated-unknown"),
        pytest.param({"kind": "household", "field": "n"},
                     ["G1", "G2", "G3", "G6", "F-n", "N3", "N4", "N5"], id="household-n"),
        pytest.param({"kind": "household", "field": "m"},
                     ["G1", "G2", "G3", "G6", "F-m", "M1"], id="household-m"),
        pytest.param({"kind": "household", "field": "k"},
                     ["G1", "G2", "G3", "G6", "F-k"], id="household-k"),
        pytest.param({"kind": "collective", "field": "m", "rated": True},
                     ["G1", "G2", "G3", "G4", "F-m", "M1"], id="collective-m"),
    ],
)
def test_applicable_criteria(data, expected):
    assert codes(**data) == expected


@pytest.mark.parametrize("field", SELECTABLE_FIELDS)
def test_models_get_only_g1_to_g3_and_their_field(field):
    assert codes(kind="model", field=field) == ["G1", "G2", "G3", f"F-{field}"]


def test_a_criterion_listing_a_parent_field_applies_to_its_sub_fields():
    content = pack_content()
    for criterion in content["criteria"]:
        if criterion["code"] == "F-c1":
            criterion["fields"] = ["c"]  # the heading: applies to c1, c2 and c3
    evaluator = Evaluator(Pack.model_validate(content))

    def applied(field: str) -> list[str]:
        return [r.code for r in evaluator.evaluate(case(kind="model", field=field)).criteria]

    assert applied("c2") == ["G1", "G2", "G3", "F-c1", "F-c2"]
    assert "F-c1" not in applied("a")


def test_results_carry_group_and_text_from_the_pack():
    first = verdict(kind="model", field="a").criteria
    assert (first[0].group, first[-1].group) == ("general", "field")
    assert first[-1].text == "Tiêu chuẩn lĩnh vực Xây dựng Đảng, chính quyền, đoàn thể."


# --- judgements (G1–G3, F-*) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("judgements", "status", "reason"),
    [
        (None, REVIEW, "Chưa có ý kiến thẩm định của người xét duyệt."),
        ({}, REVIEW, "Chưa có ý kiến thẩm định của người xét duyệt."),
        ({"G2": True}, REVIEW, "Chưa có ý kiến thẩm định của người xét duyệt."),
        ({"G1": True}, PASS, "Người xét duyệt đánh giá đạt."),
        ({"G1": False}, FAIL, "Người xét duyệt đánh giá không đạt."),
        (
            {"G1": {"passed": False, "by": "Lò Thị Ánh", "at": "2025-10-03T09:30:00+07:00",
                    "note": "Có vi phạm nội quy."}},
            FAIL,
            "Người xét duyệt đánh giá không đạt (Lò Thị Ánh, 03/10/2025). "
            "Ghi chú: Có vi phạm nội quy.",
        ),
        ({"G1": {"passed": True, "by": "Giàng A Pao"}}, PASS,
         "Người xét duyệt đánh giá đạt (Giàng A Pao)."),
    ],
)
def test_judgement(judgements, status, reason):
    data = {"kind": "model", "field": "a"}
    if judgements is not None:
        data["judgements"] = judgements
    got = result("G1", **data)
    assert (got.status, got.reason) == (status, reason)


# --- G4: ratings over five years ----------------------------------------------------------------


def g4(**data):
    return result("G4", kind="individual", field="a", rated=True, **data)


@pytest.mark.parametrize(
    ("levels", "status", "reason"),
    [
        (("tot", "xuat_sac", "tot", "tot", "tot"), PASS,
         "Các năm 2021–2025 đều xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên, "
         "có 1 năm “Hoàn thành xuất sắc nhiệm vụ” (2022)."),
        (("xuat_sac",) * 5, PASS,
         "Các năm 2021–2025 đều xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên, "
         "có 5 năm “Hoàn thành xuất sắc nhiệm vụ” (2021, 2022, 2023, 2024, 2025)."),
        (("tot",) * 5, FAIL,
         "Các năm 2021–2025 đều xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên "
         "nhưng không có năm nào “Hoàn thành xuất sắc nhiệm vụ”."),
        (("xuat_sac", "tot", "hoan_thanh", "tot", "tot"), FAIL,
         "Năm 2023 xếp loại “Hoàn thành nhiệm vụ”, dưới mức “Hoàn thành tốt nhiệm vụ”."),
        (("xuat_sac", "khong_hoan_thanh", "hoan_thanh", "tot", "tot"), FAIL,
         "Năm 2022 xếp loại “Không hoàn thành nhiệm vụ”, năm 2023 xếp loại "
         "“Hoàn thành nhiệm vụ”, dưới mức “Hoàn thành tốt nhiệm vụ”."),
        ((None, None, "xuat_sac", "tot", "tot"), UNKNOWN,
         "Thiếu kết quả xếp loại các năm 2021, 2022."),
        (("tot", "tot", "tot", "tot", None), UNKNOWN, "Thiếu kết quả xếp loại năm 2025."),
        # a known low rating fails even while other years are missing
        ((None, "hoan_thanh", None, None, None), FAIL,
         "Năm 2022 xếp loại “Hoàn thành nhiệm vụ”, dưới mức “Hoàn thành tốt nhiệm vụ”."),
        # missing years win over "no excellent year yet": the missing one may be excellent
        (("tot", "tot", None, "tot", "tot"), UNKNOWN, "Thiếu kết quả xếp loại năm 2023."),
    ],
)
def test_g4_ratings_window(levels, status, reason):
    got = g4(ratings=ratings(*levels))
    assert (got.status, got.reason) == (status, reason)


def test_g4_absent_ratings_are_unknown_naming_every_year():
    got = g4()
    assert (got.status, got.reason) == (UNKNOWN, "Thiếu kết quả xếp loại các năm 2021, 2022, "
                                                 "2023, 2024, 2025.")


def test_g4_empty_ratings_are_a_fact_but_still_name_the_missing_years():
    assert g4(ratings={}).status is UNKNOWN


def test_g4_ignores_years_outside_the_window():
    data = ratings("khong_hoan_thanh", first=Y - 5) | ratings("xuat_sac", "tot", "tot", "tot",
                                                             "tot") | {str(Y + 1): "hoan_thanh"}
    assert g4(ratings=data).status is PASS


def test_g4_assumes_rated_when_the_case_does_not_say_and_says_so():
    got = result("G4", kind="collective", field="a",
                 ratings=ratings("xuat_sac", "tot", "tot", "tot", "tot"))
    assert got.status is PASS
    assert got.reason.endswith(
        "Hồ sơ chưa ghi rõ có thuộc diện đánh giá, xếp loại hằng năm hay không "
        "nên được xét như thuộc diện xếp loại."
    )
    assert "G5" not in codes(kind="collective", field="a")


# --- G5: recognitions (not rated) ---------------------------------------------------------------


def g5(**data):
    return result("G5", kind="collective", field="a", rated=False, **data)


@pytest.mark.parametrize(
    ("recognitions", "status", "reason"),
    [
        (None, UNKNOWN, "Chưa cung cấp văn bản công nhận của cấp có thẩm quyền."),
        ([], FAIL, "Không có văn bản công nhận nào của cấp có thẩm quyền."),
        ([{"number": "1234/QĐ-UBND", "date": "2024-03-01", "authority": "UBND tỉnh Lai Châu",
           "content": "Công nhận thành tích"}], PASS,
         "Có 1 văn bản công nhận của cấp có thẩm quyền: "
         "số 1234/QĐ-UBND ngày 01/03/2024 của UBND tỉnh Lai Châu."),
        ([{"content": "Giấy khen"}, {"number": "7/QĐ"}], PASS,
         "Có 2 văn bản công nhận của cấp có thẩm quyền: “Giấy khen”; số 7/QĐ."),
    ],
)
def test_g5_recognitions(recognitions, status, reason):
    data = {} if recognitions is None else {"recognitions": recognitions}
    got = g5(**data)
    assert (got.status, got.reason) == (status, reason)


def test_g5_minimum_comes_from_the_pack():
    stricter = Evaluator(make_pack(G5={"min_count": 2}))
    got = result("G5", stricter, kind="individual", field="a", rated=False,
                 recognitions=[{"number": "1/QĐ"}])
    assert (got.status, got.reason) == (
        FAIL, "Chỉ có 1 văn bản công nhận của cấp có thẩm quyền (số 1/QĐ), cần ít nhất 2.")


# --- G6: cultural family and violations ------------------------------------------------------


def g6(**data):
    return result("G6", kind="household", field="n", **data)


@pytest.mark.parametrize(
    ("years", "violations", "status", "reason"),
    [
        (WINDOW, [], PASS,
         "Được công nhận “Gia đình văn hóa” đủ các năm 2021–2025; "
         "không có thành viên vi phạm trong thời gian này."),
        (WINDOW, [{"year": Y - 5, "kind": "law"}], PASS,
         "Được công nhận “Gia đình văn hóa” đủ các năm 2021–2025; không có thành viên vi phạm "
         "trong thời gian này. Vi phạm năm 2020 nằm ngoài thời gian xét nên không tính."),
        (WINDOW, [{"year": Y - 4, "kind": "social_evil", "member": "Vàng Seo Dũng"}], FAIL,
         "Thành viên hộ gia đình vi phạm trong thời gian xét: "
         "năm 2021 vi phạm về tệ nạn xã hội (Vàng Seo Dũng)."),
        (WINDOW, [{"year": Y, "kind": "traffic"}, {"year": Y - 2, "kind": "law"}], FAIL,
         "Thành viên hộ gia đình vi phạm trong thời gian xét: năm 2023 vi phạm pháp luật; "
         "năm 2025 vi phạm an toàn giao thông."),
        ([Y - 4, Y - 3, Y - 1, Y], [], FAIL,
         "Không được công nhận “Gia đình văn hóa” năm 2023."),
        ([], [], FAIL,
         "Không được công nhận “Gia đình văn hóa” các năm 2021, 2022, 2023, 2024, 2025."),
        (None, [], UNKNOWN, "Chưa có thông tin công nhận “Gia đình văn hóa” các năm 2021–2025."),
        (WINDOW, None, UNKNOWN,
         "Chưa có thông tin về vi phạm của thành viên hộ gia đình các năm 2021–2025."),
        (None, None, UNKNOWN,
         "Chưa có thông tin công nhận “Gia đình văn hóa” các năm 2021–2025. "
         "Chưa có thông tin về vi phạm của thành viên hộ gia đình các năm 2021–2025."),
        # a known fact fails even while the other kind of evidence is missing
        (None, [{"year": Y, "kind": "law"}], FAIL,
         "Thành viên hộ gia đình vi phạm trong thời gian xét: năm 2025 vi phạm pháp luật."),
        ([Y - 4, Y - 3, Y - 2, Y - 1], None, FAIL,
         "Không được công nhận “Gia đình văn hóa” năm 2025."),
    ],
)
def test_g6_cultural_family(years, violations, status, reason):
    data = {}
    if years is not None:
        data["cultural_family_years"] = years
    if violations is not None:
        data["violations"] = violations
    got = g6(**data)
    assert (got.status, got.reason) == (status, reason)


def test_g6_counts_only_the_violation_kinds_the_pack_lists():
    only_law = Evaluator(make_pack(G6={"violation_kinds": ["law"]}))
    got = result("G6", only_law, kind="household", cultural_family_years=WINDOW,
                 violations=[{"year": Y, "kind": "traffic"}])
    assert got.status is PASS


# --- overall verdict ---------------------------------------------------------------------------


def test_eligible_true_when_every_applicable_criterion_passes():
    got = verdict(kind="model", field="a", judgements={**ALL_JUDGED, "F-a": True})
    assert got.eligible is True
    assert got.outcome == "eligible"


def test_eligible_none_when_only_judgements_are_pending():
    got = verdict(kind="model", field="a", judgements=ALL_JUDGED)
    assert got.eligible is None
    assert got.outcome == "awaiting_judgement"


def test_eligible_none_when_evidence_is_missing():
    got = verdict(kind="household", judgements=ALL_JUDGED)
    assert got.eligible is None
    assert got.outcome == "missing_evidence"


def test_eligible_false_when_any_criterion_fails_even_with_others_unknown():
    got = verdict(kind="household", field="n", violations=[{"year": Y, "kind": "law"}])
    assert got.eligible is False
    assert got.outcome == "not_eligible"
    assert {r.code: r.status for r in got.criteria}["N3"] is UNKNOWN


def test_a_fully_evidenced_collective_is_eligible():
    got = verdict(
        kind="collective", field="k", rated=True,
        ratings=ratings("tot", "tot", "xuat_sac", "tot", "tot"),
        cchc={str(Y): {"par_index": 85, "satisfaction": 95, "overdue_dossiers": 0,
                       "disciplines": ["khien_trach"]}},
        cchc_initiative=True,
        judgements={**ALL_JUDGED, "F-k": True},
    )
    assert [(r.code, r.status) for r in got.criteria if r.status is not PASS] == []
    assert got.eligible is True


def test_to_json_is_the_command_output_shape():
    got = verdict(kind="model", field="a", judgements={"G1": False}).to_json()
    assert got["eligible"] is False
    assert got["criteria"][0] == {"code": "G1", "status": "fail",
                                  "reason": "Người xét duyệt đánh giá không đạt."}
    assert set(got) == {"eligible", "criteria"}


def test_evaluate_convenience_reuses_one_evaluator_per_pack():
    pack = EVALUATOR.pack
    assert evaluator_for(pack) is evaluator_for(pack)
    assert evaluate(pack, case(kind="model")).to_json() == EVALUATOR.evaluate(
        case(kind="model")).to_json()


def test_evaluate_many_matches_evaluate_and_restores_the_gc():
    cases = [case(kind="household", field="n", household_production={"jobs_created": n})
             for n in range(8)]
    assert gc.isenabled()
    assert EVALUATOR.evaluate_many(cases) == [EVALUATOR.evaluate(c) for c in cases]
    assert gc.isenabled()


# --- cases built directly by product code ------------------------------------------------------


def test_a_directly_built_case_with_a_level_outside_the_pack_is_unknown_not_an_error():
    odd = Case(kind="collective", field="k", year=Y, rated=True,
               ratings={y: "tot" for y in WINDOW} | {Y: "gioi"},
               cchc={Y: CchcYear(disciplines=("phe_binh",))})
    got = {r.code: r for r in EVALUATOR.evaluate(odd).criteria}
    assert (got["G4"].status, got["G4"].reason) == (
        UNKNOWN, "Năm 2025 có mức xếp loại “gioi” không thuộc thang xếp loại của bộ hướng dẫn.")
    assert (got["K4"].status, got["K4"].reason) == (
        UNKNOWN, "Năm 2025 có hình thức kỷ luật “phe_binh” không thuộc thang kỷ luật.")


def test_a_known_low_rating_fails_even_beside_a_level_outside_the_pack():
    odd = Case(kind="individual", year=Y, rated=True,
               ratings={Y - 1: "hoan_thanh", Y: "gioi"})
    got = {r.code: r for r in EVALUATOR.evaluate(odd).criteria}
    assert got["G4"].status is FAIL
