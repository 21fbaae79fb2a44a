"""Field criteria: k (K1–K5), n (N1–N5), m (M1)."""

import pytest

from evaluation.engine import Status
from tests.evaluation.helpers import Y, business, result

PASS, FAIL, UNKNOWN = Status.PASS, Status.FAIL, Status.UNKNOWN


def collective_k(code: str, **data):
    return result(code, kind="collective", field="k", rated=True, **data)


def cchc(**by_year: dict) -> dict:
    """``cchc(y2025={...})`` → ``{"2025": {...}}``."""
    return {name.removeprefix("y"): values for name, values in by_year.items()}


# --- K1, K2: indices, proposal year or adjacent year --------------------------------------------


@pytest.mark.parametrize(
    ("years", "status", "reason"),
    [
        ({f"y{Y}": 87.5}, PASS, "Chỉ số CCHC năm 2025 đạt 87,5% (≥ 85%)."),
        ({f"y{Y}": 85}, PASS, "Chỉ số CCHC năm 2025 đạt 85% (≥ 85%)."),
        ({f"y{Y}": 85.0, f"y{Y - 1}": 10}, PASS, "Chỉ số CCHC năm 2025 đạt 85% (≥ 85%)."),
        ({f"y{Y}": 84.99, f"y{Y - 1}": 84.99}, FAIL,
         "Chỉ số CCHC năm 2025 đạt 84,99%, năm 2024 đạt 84,99%, đều dưới 85%."),
        ({f"y{Y}": 80, f"y{Y - 1}": 86}, PASS,
         "Chỉ số CCHC năm 2025 đạt 80% (dưới 85%), năm liền kề 2024 đạt 86% (≥ 85%)."),
        ({f"y{Y - 1}": 90}, PASS,
         "Chưa có chỉ số CCHC năm 2025; năm liền kề 2024 đạt 90% (≥ 85%)."),
        ({f"y{Y}": 84.99}, UNKNOWN,
         "Chỉ số CCHC năm 2025 đạt 84,99% (dưới 85%); chưa có số liệu năm 2024."),
        ({f"y{Y - 1}": 70}, UNKNOWN,
         "Chỉ số CCHC năm 2024 đạt 70% (dưới 85%); chưa có số liệu năm 2025."),
        ({}, UNKNOWN, "Chưa có chỉ số CCHC các năm 2024, 2025."),
        # only the adjacent year counts, not two years back
        ({f"y{Y}": 80, f"y{Y - 2}": 99}, UNKNOWN,
         "Chỉ số CCHC năm 2025 đạt 80% (dưới 85%); chưa có số liệu năm 2024."),
    ],
)
def test_k1_par_index(years, status, reason):
    data = {year: {"par_index": value} for year, value in years.items()}
    got = collective_k("K1", cchc=cchc(**data))
    assert (got.status, got.reason) == (status, reason)


def test_k1_absent_cchc_is_unknown():
    got = collective_k("K1")
    assert (got.status, got.reason) == (UNKNOWN, "Chưa có chỉ số CCHC các năm 2024, 2025.")


def test_k1_a_year_entry_without_the_index_counts_as_missing():
    got = collective_k("K1", cchc=cchc(**{f"y{Y}": {"satisfaction": 99}}))
    assert got.status is UNKNOWN


@pytest.mark.parametrize(
    ("this_year", "last_year", "status"),
    [(95, None, PASS), (94.99, 95, PASS), (94.99, 94.99, FAIL), (94.99, None, UNKNOWN),
     (100, 0, PASS)],
)
def test_k2_satisfaction(this_year, last_year, status):
    data = {f"y{Y}": {"satisfaction": this_year}}
    if last_year is not None:
        data[f"y{Y - 1}"] = {"satisfaction": last_year}
    got = collective_k("K2", cchc=cchc(**data))
    assert got.status is status
    assert got.reason.startswith("Chỉ số hài lòng về sự phục vụ hành chính năm 2025 đạt")


# --- K3 overdue dossiers, K4 discipline, K5 initiative -----------------------------------------


@pytest.mark.parametrize(
    ("entry", "status", "reason"),
    [
        ({"overdue_dossiers": 0}, PASS, "Năm 2025 không có hồ sơ thủ tục hành chính trễ hạn."),
        ({"overdue_dossiers": 1}, FAIL,
         "Năm 2025 có 1 hồ sơ thủ tục hành chính trễ hạn (tối đa cho phép: 0)."),
        ({"par_index": 90}, UNKNOWN, "Chưa có số hồ sơ thủ tục hành chính trễ hạn năm 2025."),
        (None, UNKNOWN, "Chưa có số hồ sơ thủ tục hành chính trễ hạn năm 2025."),
    ],
)
def test_k3_overdue_dossiers(entry, status, reason):
    data = {} if entry is None else {"cchc": {str(Y): entry}}
    got = collective_k("K3", **data)
    assert (got.status, got.reason) == (status, reason)


def test_k3_looks_at_the_proposal_year_only():
    got = collective_k("K3", cchc={str(Y - 1): {"overdue_dossiers": 9}, str(Y): {
        "overdue_dossiers": 0}})
    assert got.status is PASS


@pytest.mark.parametrize(
    ("disciplines", "status", "reason"),
    [
        ([], PASS, "Năm 2025 không có cán bộ, công chức, viên chức bị kỷ luật."),
        (["khien_trach"], PASS, "Năm 2025 chỉ có kỷ luật “Khiển trách”, dưới mức “Cảnh cáo”."),
        (["khien_trach", "khien_trach"], PASS,
         "Năm 2025 chỉ có kỷ luật “Khiển trách”, dưới mức “Cảnh cáo”."),
        (["canh_cao"], FAIL,
         "Năm 2025 có cán bộ, công chức, viên chức bị kỷ luật “Cảnh cáo” "
         "(từ mức “Cảnh cáo” trở lên)."),
        (["khien_trach", "buoc_thoi_viec", "ha_bac_luong"], FAIL,
         "Năm 2025 có cán bộ, công chức, viên chức bị kỷ luật “Hạ bậc lương”, "
         "“Buộc thôi việc” (từ mức “Cảnh cáo” trở lên)."),
        (None, UNKNOWN, "Chưa có thông tin kỷ luật cán bộ, công chức, viên chức năm 2025."),
    ],
)
def test_k4_discipline(disciplines, status, reason):
    entry = {"overdue_dossiers": 0}
    if disciplines is not None:
        entry["disciplines"] = disciplines
    got = collective_k("K4", cchc={str(Y): entry})
    assert (got.status, got.reason) == (status, reason)


def test_k4_a_warning_in_another_year_does_not_count():
    got = collective_k("K4", cchc={str(Y - 1): {"disciplines": ["cach_chuc"]},
                                   str(Y): {"disciplines": []}})
    assert got.status is PASS


@pytest.mark.parametrize(("value", "status"), [(True, PASS), (False, FAIL), (None, UNKNOWN)])
def test_k5_initiative(value, status):
    data = {} if value is None else {"cchc_initiative": value}
    assert collective_k("K5", **data).status is status
    assert result("K5", kind="individual", field="k", **data).status is status


# --- N1: revenue, budget, profit ---------------------------------------------------------------


def n1(**metrics):
    return result("N1", kind="collective", field="n", rated=True, business=business(**metrics))


GOOD = (120, 100, 110)  # actual Y, plan Y, actual Y-1


@pytest.mark.parametrize(
    ("revenue", "budget", "profit", "status"),
    [
        pytest.param(GOOD, GOOD, GOOD, PASS, id="all-exceed-plan"),
        pytest.param((100, 100, 90), GOOD, GOOD, PASS, id="equal-plan-but-growth"),
        pytest.param((100, 100, 100), GOOD, GOOD, FAIL, id="equal-plan-equal-last-year"),
        pytest.param((101, 100, 200), GOOD, GOOD, PASS, id="exceeds-plan-but-fell"),
        pytest.param((99, 100, 98), GOOD, GOOD, PASS, id="below-plan-but-growth"),
        pytest.param((90, 100, 95), GOOD, GOOD, FAIL, id="below-plan-and-fell"),
        pytest.param(GOOD, GOOD, (-5, None, -10), PASS, id="profit-no-plan-loss-shrank"),
        pytest.param(GOOD, GOOD, (50, None, 50), FAIL, id="no-plan-no-growth"),
        pytest.param(GOOD, GOOD, (50, None, None), UNKNOWN, id="no-plan-no-last-year"),
        pytest.param((100, 100, None), GOOD, GOOD, UNKNOWN, id="equal-plan-no-last-year"),
        pytest.param((None, 100, 90), GOOD, GOOD, UNKNOWN, id="no-actual"),
        pytest.param((90, 100, 95), (None, 100, 90), GOOD, FAIL, id="fail-beats-unknown"),
    ],
)
def test_n1_business_growth(revenue, budget, profit, status):
    assert n1(revenue=revenue, budget=budget, profit=profit).status is status


def test_n1_reasons_name_figures_and_years():
    got = n1(revenue=(12_500_000.5, 12_500_000.5, 10_000_000), budget=GOOD,
             profit=(100, 100, 100))
    assert got.reason == (
        "Lợi nhuận năm 2025 đạt 100, không vượt kế hoạch (100) "
        "và không tăng so với năm 2024 (100)."
    )
    got = n1(revenue=(12_500_000.5, 12_500_000.5, 10_000_000), budget=GOOD, profit=GOOD)
    assert got.reason == (
        "Doanh thu năm 2025 đạt 12.500.000,5, không vượt kế hoạch (12.500.000,5) nhưng tăng "
        "so với năm 2024 (10.000.000); Nộp ngân sách Nhà nước năm 2025 đạt 120, vượt kế hoạch "
        "(100); Lợi nhuận năm 2025 đạt 120, vượt kế hoạch (100)."
    )
    got = n1(revenue=GOOD, budget=GOOD, profit=(7, None, None))
    assert got.reason == (
        "Lợi nhuận năm 2025 đạt 7, chưa có kế hoạch; chưa có số liệu năm 2024 để so sánh."
    )


def test_n1_missing_metric_or_year_is_unknown():
    got = n1(revenue=GOOD, budget=GOOD)
    assert (got.status, got.reason) == (UNKNOWN, "Chưa có số liệu lợi nhuận năm 2025.")
    absent = result("N1", kind="individual", field="n")
    assert (absent.status, absent.reason) == (
        UNKNOWN, "Chưa có số liệu sản xuất, kinh doanh năm 2025.")
    other_year = result("N1", kind="individual", field="n",
                        business={str(Y - 1): {"revenue": {"actual": 1}}})
    assert other_year.status is UNKNOWN


# --- N2 tax arrears ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arrears", "status", "reason"),
    [
        (0, PASS, "Không nợ đọng thuế."),
        (0.0, PASS, "Không nợ đọng thuế."),
        (0.01, FAIL, "Còn nợ đọng thuế 0,01 (tối đa cho phép: 0)."),
        (1_250_000, FAIL, "Còn nợ đọng thuế 1.250.000 (tối đa cho phép: 0)."),
        (None, UNKNOWN, "Chưa có thông tin về nợ đọng thuế."),
    ],
)
def test_n2_tax_arrears(arrears, status, reason):
    data = {} if arrears is None else {"tax_arrears": arrears}
    got = result("N2", kind="individual", field="n", **data)
    assert (got.status, got.reason) == (status, reason)


# --- N3–N5 households ---------------------------------------------------------------------------


def household_n(code: str, **production):
    data = {"household_production": production} if production else {}
    return result(code, kind="household", field="n", **data)


@pytest.mark.parametrize(
    ("since", "status", "reason"),
    [
        (Y - 2, PASS, "Mô hình sản xuất ổn định từ năm 2023, được 2 năm tính đến năm 2025 "
                      "(yêu cầu từ 2 năm trở lên)."),
        (Y - 10, PASS, "Mô hình sản xuất ổn định từ năm 2015, được 10 năm tính đến năm 2025 "
                       "(yêu cầu từ 2 năm trở lên)."),
        (Y - 1, FAIL, "Mô hình sản xuất ổn định từ năm 2024, mới được 1 năm tính đến năm 2025 "
                      "(yêu cầu từ 2 năm trở lên)."),
        (Y, FAIL, "Mô hình sản xuất ổn định từ năm 2025, chưa được năm nào tính đến năm 2025 "
                  "(yêu cầu từ 2 năm trở lên)."),
    ],
)
def test_n3_production_stable(since, status, reason):
    got = household_n("N3", stable_since=since)
    assert (got.status, got.reason) == (status, reason)


def test_n3_without_stable_since_is_unknown():
    assert household_n("N3").status is UNKNOWN
    assert household_n("N3", jobs_created=9).status is UNKNOWN


@pytest.mark.parametrize(
    ("helped", "status", "reason"),
    [
        (2, PASS, "Đã giúp đỡ 2 hộ nông dân phát triển sản xuất (yêu cầu từ 2 hộ trở lên)."),
        (3, PASS, "Đã giúp đỡ 3 hộ nông dân phát triển sản xuất (yêu cầu từ 2 hộ trở lên)."),
        (1, FAIL, "Mới giúp đỡ 1 hộ nông dân phát triển sản xuất (yêu cầu từ 2 hộ trở lên)."),
        (0, FAIL, "Mới giúp đỡ 0 hộ nông dân phát triển sản xuất (yêu cầu từ 2 hộ trở lên)."),
    ],
)
def test_n4_households_helped(helped, status, reason):
    got = household_n("N4", households_helped=helped)
    assert (got.status, got.reason) == (status, reason)


@pytest.mark.parametrize(("jobs", "status"), [(5, PASS), (40, PASS), (4, FAIL), (None, UNKNOWN)])
def test_n5_jobs_created(jobs, status):
    production = {} if jobs is None else {"jobs_created": jobs}
    assert household_n("N5", **production).status is status


# --- M1 charity --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("commendations", "status", "reason"),
    [
        (None, UNKNOWN, "Chưa cung cấp thông tin khen thưởng về hoạt động từ thiện nhân đạo."),
        ([], FAIL, "Chưa được cấp có thẩm quyền khen thưởng về hoạt động từ thiện nhân đạo."),
        ([{"number": "56/QĐ-UBND", "date": "2023-12-20"}], PASS,
         "Có 1 khen thưởng về hoạt động từ thiện nhân đạo: số 56/QĐ-UBND ngày 20/12/2023."),
    ],
)
@pytest.mark.parametrize("kind", ["collective", "individual", "household"])
def test_m1_charity_commendations(kind, commendations, status, reason):
    data = {} if commendations is None else {"charity_commendations": commendations}
    got = result("M1", kind=kind, field="m", rated=True, **data) if kind != "household" else \
        result("M1", kind=kind, field="m", **data)
    assert (got.status, got.reason) == (status, reason)
