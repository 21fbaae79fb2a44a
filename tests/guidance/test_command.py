"""``manage.py load_guidance``: exit status and what it prints."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guidance.loading import shipped_pack_path
from guidance.models import GuidancePack
from tests.guidance.packdata import criterion_index

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("load_guidance", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loads_then_reports_unchanged():
    first = run(str(shipped_pack_path()))
    record = GuidancePack.objects.get()
    assert first == (f"Đã nạp bộ hướng dẫn 2533/HD-UBND phiên bản 1 "
                     f"(nạp mới; SHA-256 {record.checksum[:12]})\n")
    second = run(str(shipped_pack_path()))
    assert second == (f"Đã nạp bộ hướng dẫn 2533/HD-UBND phiên bản 1 "
                      f"(không thay đổi; SHA-256 {record.checksum[:12]})\n")
    assert GuidancePack.objects.count() == 1


@pytest.mark.django_db
def test_broken_pack_is_a_command_error_listing_each_place(pack_data, write_pack):
    k1 = criterion_index(pack_data, "K1")
    pack_data["criteria"][k1]["fields"] = ["z"]
    pack_data["criteria"][k1]["params"]["min"] = 185
    path = write_pack(pack_data)
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert str(caught.value).splitlines() == [
        f"Bộ hướng dẫn {path} không hợp lệ (2 lỗi):",
        f"- criteria[{k1}].fields[0]: lĩnh vực 'z' không có trong fields",
        f"- criteria[{k1}].params.min: phải nhỏ hơn hoặc bằng 100 (giá trị: 185)",
    ]
    assert GuidancePack.objects.count() == 0


@pytest.mark.django_db
def test_check_only_and_json(pack_data, write_pack, tmp_path):
    assert run(str(shipped_pack_path()), "--check") == (
        "Bộ hướng dẫn 2533/HD-UBND phiên bản 1 hợp lệ.\n")
    assert GuidancePack.objects.count() == 0
    # --json reads JSON whatever the file is called (a .data export, say).
    json_path = write_pack(pack_data, "pack.json").rename(tmp_path / "pack.data")
    assert "phiên bản 1 (nạp mới;" in run(str(json_path), "--json")


def test_process_exit_status_is_1_with_errors_on_stderr(write_pack, tmp_path):
    path = write_pack("format: dienhinh.guidance/1\ncode: [2533\n")
    env = {**os.environ, "DEBUG": "0", "TESTING": "1", "VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "load_guidance", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"Bộ hướng dẫn {path} không hợp lệ (1 lỗi):" in result.stderr
    assert "- dòng 3, cột 1: lỗi cú pháp YAML (" in result.stderr
