"""``manage.py evaluate_case``: the JSON contract, exit statuses, and no database.

These tests are not marked ``django_db``: pytest-django refuses any database access in them,
so a passing test shows the command never touches the database.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from evaluation.management.commands.evaluate_case import DEFAULT_PACK, _read_pack_plainly
from tests.evaluation.helpers import Y
from tests.evaluation.packdata import pack_content

HOUSEHOLD = {
    "kind": "household",
    "field": "n",
    "year": Y,
    "cultural_family_years": [Y - 4, Y - 3, Y - 2, Y - 1, Y],
    "violations": [],
    "household_production": {"stable_since": Y - 2, "households_helped": 2, "jobs_created": 4},
    "judgements": {"G1": True},
}


def write(tmp_path: Path, data, name: str = "case.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> dict:
    out = StringIO()
    call_command("evaluate_case", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    """The contract pack as a JSON file (valid YAML too), independent of the shipped one."""
    return write(tmp_path, pack_content(), "pack.json")


def test_prints_the_verdict_with_every_applicable_criterion(tmp_path, pack_file):
    got = run(str(write(tmp_path, HOUSEHOLD)), "--pack", str(pack_file))
    assert set(got) == {"eligible", "criteria"}
    assert got["eligible"] is False
    assert [c["code"] for c in got["criteria"]] == ["G1", "G2", "G3", "G6", "F-n", "N3", "N4", "N5"]
    assert all(set(c) == {"code", "status", "reason"} for c in got["criteria"])
    by_code = {c["code"]: c for c in got["criteria"]}
    assert by_code["N5"] == {
        "code": "N5", "status": "fail",
        "reason": "Mới tạo việc làm cho 4 người lao động (yêu cầu từ 5 người trở lên).",
    }
    assert by_code["G2"]["status"] == "needs_review"


def test_output_is_utf8_json_not_escaped(tmp_path, pack_file):
    out = StringIO()
    call_command("evaluate_case", str(write(tmp_path, HOUSEHOLD)), "--pack", str(pack_file),
                 stdout=out)
    assert "Gia đình văn hóa" in out.getvalue()


def test_uses_the_shipped_pack_by_default(tmp_path):
    if not DEFAULT_PACK.exists():
        pytest.skip("the shipped pack is not written yet")
    got = run(str(write(tmp_path, {"kind": "model", "year": Y, "field": "a"})))
    assert got == {"eligible": None, "criteria": [
        {"code": code, "status": "needs_review",
         "reason": "Chưa có ý kiến thẩm định của người xét duyệt."}
        for code in ("G1", "G2", "G3", "F-a")]}


def test_the_pack_decides_thresholds(tmp_path):
    content = pack_content()
    next(c for c in content["criteria"] if c["code"] == "N5")["params"]["min"] = 4
    pack = write(tmp_path, content, "pack.json")
    by_code = {c["code"]: c["status"] for c in run(str(write(tmp_path, HOUSEHOLD)),
                                                     "--pack", str(pack))["criteria"]}
    assert by_code["N5"] == "pass"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{\"kind\": \"model\", \"year\": 2025,}",
         "Tệp hồ sơ không phải JSON hợp lệ: lỗi ở dòng 1"),
        ("{\"kind\": \"model\", \"year\": 2025, \"year\": 2024}", "khóa “year” lặp lại"),
        ("[1, 2]", "Hồ sơ không hợp lệ — Dữ liệu hồ sơ phải là một đối tượng JSON"),
        ("{\"kind\": \"model\", \"year\": \"2025\"}",
         "Hồ sơ không hợp lệ — “year”: phải là số nguyên"),
        ("{\"kind\": \"model\", \"year\": 2025, \"ratings\": {\"2024\": \"gioi\"}}",
         "“ratings.2024”: mức xếp loại “gioi” không hợp lệ"),
        (b"\xff\xfe{}", "không phải văn bản UTF-8"),
    ],
)
def test_malformed_case_raises_with_returncode_2(tmp_path, pack_file, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError) as caught:
        call_command("evaluate_case", str(path), "--pack", str(pack_file))
    assert caught.value.returncode == 2
    assert message in str(caught.value)


def test_missing_case_file_raises_with_returncode_2(tmp_path, pack_file):
    with pytest.raises(CommandError, match="Không tìm thấy tệp hồ sơ") as caught:
        call_command("evaluate_case", str(tmp_path / "nope.json"), "--pack", str(pack_file))
    assert caught.value.returncode == 2


def test_missing_or_invalid_pack_raises_with_returncode_2(tmp_path):
    case = str(write(tmp_path, HOUSEHOLD))
    with pytest.raises(CommandError) as caught:
        call_command("evaluate_case", case, "--pack", str(tmp_path / "nope.yaml"))
    assert caught.value.returncode == 2
    broken = write(tmp_path, "format: dienhinh.guidance/1\ncode: X\n", "pack.yaml")
    with pytest.raises(CommandError) as caught:
        call_command("evaluate_case", case, "--pack", str(broken))
    assert caught.value.returncode == 2
    assert "Bộ hướng dẫn" in str(caught.value)


# --- as a process: exit statuses and stderr, with no database reachable -------------------------


def manage(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "0",
           # an unreachable database: the command must not need one
           "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    return subprocess.run(
        [sys.executable, "manage.py", "evaluate_case", *args], cwd=settings.BASE_DIR, env=env,
        input=stdin, capture_output=True, text=True, timeout=60, check=False,
    )


def test_process_exits_0_whatever_the_verdict(tmp_path, pack_file):
    done = manage(str(write(tmp_path, HOUSEHOLD)), "--pack", str(pack_file))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["eligible"] is False


def test_process_reads_stdin_for_dash(pack_file):
    done = manage("-", "--pack", str(pack_file), stdin=json.dumps({"kind": "model", "year": Y}))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["eligible"] is None


def test_process_exits_2_with_a_plain_vietnamese_message(tmp_path, pack_file):
    done = manage(str(write(tmp_path, {"kind": "team", "year": Y})), "--pack", str(pack_file))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "Hồ sơ không hợp lệ — “kind”: loại đối tượng “team” không hợp lệ "
        "(chọn một trong: collective, household, individual, model)."
    )


def test_process_exits_2_on_a_missing_file(tmp_path, pack_file):
    done = manage(str(tmp_path / "missing.json"), "--pack", str(pack_file))
    assert done.returncode == 2
    assert "Không tìm thấy tệp hồ sơ" in done.stderr


def test_reads_a_yaml_pack_without_the_loader(tmp_path):
    """The fallback used when ``guidance.loading`` is not importable: same pack, same verdict."""
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(pack_content(), allow_unicode=True), encoding="utf-8")
    pack = _read_pack_plainly(path)
    assert [c.code for c in pack.criteria][:6] == ["G1", "G2", "G3", "G4", "G5", "G6"]
