import json

import pytest
from django.core.management import call_command

from evaluation import models as m
from tests.evaluation_lists.helpers import par_2024_xlsx, satisfaction_2025_xlsx, unit


def _run(*args) -> tuple[int, dict]:
    from io import StringIO

    out = StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("import_evidence_list", *args, "--json", stdout=out, stderr=StringIO())
    return stop.value.code, json.loads(out.getvalue())


def _file(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_2024_par_list_applies_by_command(province, tmp_path):
    status, answer = _run(_file(tmp_path, "par-2024.xlsx", par_2024_xlsx()),
                          "--kind", "par_index", "--year", "2024")
    assert status == 0 and answer["ok"] and answer["applied"]
    assert [(r["row"], r["unit"], r["value"]) for r in answer["matched"]] == [
        (4, "STP", 91.2), (5, "SLDTBXH", 86.05), (6, "SKHDT", 84.5), (7, "SGDDT", 82.4),
        (8, "SYT", 81.75)]  # row 3 is the group heading "I. CÁC SỞ, BAN, NGÀNH"
    assert answer["matched"][1]["text"] == "Sở Lao động - Thương binh và Xã hội"
    assert answer["unmatched"] == [] and answer["errors"] == []
    assert m.AdminReformResult.objects.filter(year=2024).count() == 5


def test_the_2025_list_with_an_unknown_commune_exits_1_and_applies_nothing(province, tmp_path):
    path = _file(tmp_path, "sipas-2025.xlsx", satisfaction_2025_xlsx())
    status, answer = _run(path, "--kind", "satisfaction", "--year", "2025")
    assert status == 1 and not answer["ok"] and not answer["applied"]
    assert [r["unit"] for r in answer["matched"]] == ["03390", "03408", "03388"]
    [open_row] = answer["unmatched"]
    assert open_row["row"] == 6 and open_row["text"] == "UBND xã Bình Lưu"
    assert "03390" in open_row["candidates"]
    assert not m.PublishedList.objects.exists() and not m.AdminReformResult.objects.exists()
    status, answer = _run(path, "--kind", "satisfaction", "--year", "2025", "--pick",
                          "6=03394")
    assert status == 0 and answer["applied"]
    assert m.AdminReformResult.objects.get(subject__unit=unit("03394")).satisfaction == 94.0


def test_dry_run_answers_as_the_real_run_and_writes_nothing(province, tmp_path):
    status, answer = _run(_file(tmp_path, "par.xlsx", par_2024_xlsx()), "--kind", "par_index",
                          "--year", "2024", "--dry-run")
    assert status == 0 and answer["ok"] and not answer["applied"] and len(answer["matched"]) == 5
    assert not m.PublishedList.objects.exists()


def test_as_of_reads_the_units_of_another_day(province, tmp_path):
    # The 2024 names read on 01/07/2025: the merged departments lead to their successors.
    status, answer = _run(_file(tmp_path, "par.xlsx", par_2024_xlsx()), "--kind", "par_index",
                          "--year", "2024", "--as-of", "01/07/2025", "--dry-run")
    assert status == 0
    by_text = {r["text"]: r["unit"] for r in answer["matched"]}
    assert by_text["Sở Lao động - Thương binh và Xã hội"] == "SNV"
    assert by_text["SỞ KẾ HOẠCH VÀ ĐẦU TƯ"] == "STC"


def test_an_unusable_file_exits_2(province, tmp_path):
    status, answer = _run(_file(tmp_path, "par.xlsx", b"PK\x03\x04 broken"), "--kind",
                          "par_index", "--year", "2024")
    assert status == 2 and not answer["ok"] and answer["errors"][0]["row"] is None
    status, answer = _run(str(tmp_path / "missing.xlsx"), "--kind", "par_index", "--year", "2024")
    assert status == 2
    status, answer = _run(_file(tmp_path, "par.xlsx", par_2024_xlsx()), "--kind",
                          "cultural_families", "--year", "2024")
    assert status == 2 and "hàng tiêu đề" in answer["errors"][0]["message"]
