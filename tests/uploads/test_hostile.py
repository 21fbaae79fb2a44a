"""Hostile packages are refused before any parser opens them, and the full read path never
aborts the process: far cells in either quote style or outside ``xl/worksheets/``, a far
``<dimension>``, a cell without ``r`` in a far row, a member that lies about its size."""

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.uploads import hostile
from uploads.safety import MAX_COLUMNS, MAX_PHYSICAL_ROWS, UnusableFile, check_upload

FAR_COLUMN = "Bảng tính có dữ liệu ở cột quá xa (ô XFD1048576)."
TOO_MANY_ROWS = "Tệp có quá nhiều dòng"
BOMB = "Tệp giải nén ra quá lớn"
ROOT = Path(__file__).resolve().parents[2]


def _refused(data: bytes) -> str:
    with pytest.raises(UnusableFile) as refusal:
        check_upload("bieu.xlsx", data)
    return refusal.value.message


@pytest.mark.parametrize("quote", ["'", '"'])
def test_far_cell_in_either_quote_style_is_refused(quote):
    data = hostile.far_cell(quote=quote)
    assert len(data) < 12 * 1024
    assert _refused(data).startswith(FAR_COLUMN)


def test_far_cell_in_a_part_outside_the_worksheets_folder_is_refused():
    assert _refused(hostile.far_cell_outside_worksheets()).startswith(FAR_COLUMN)


def test_far_cell_at_ax200000_is_refused():
    assert _refused(hostile.far_cell("AX200000")).startswith(TOO_MANY_ROWS)


def test_far_dimension_and_cells_without_a_reference_are_refused():
    base = hostile.workbook()
    sheet = hostile._part(base, hostile.SHEET)
    dimension = sheet.replace(b'<dimension ref="A1:B2"/>', b"<dimension ref='A1:XFD1048576'/>")
    assert _refused(hostile.rezip(base, replace={hostile.SHEET: dimension})).startswith(
        FAR_COLUMN)
    unnamed = sheet.replace(b"</sheetData>",
                            b"<row r='900000'><c t='inlineStr'><is><t>x</t></is></c></row>"
                            b"</sheetData>")
    assert _refused(hostile.rezip(base, replace={hostile.SHEET: unnamed})).startswith(
        TOO_MANY_ROWS)
    escaped = sheet.replace(b'<c r="B2"', b'<c r="&#88;FD1048576"')
    assert _refused(hostile.rezip(base, replace={hostile.SHEET: escaped})).startswith(
        FAR_COLUMN)


def test_empty_styled_cells_far_away_are_harmless_and_accepted():
    base = hostile.workbook()
    sheet = hostile._part(base, hostile.SHEET).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    assert check_upload("bieu.xlsx", hostile.rezip(base, replace={hostile.SHEET: sheet}))


def test_member_lying_about_its_size_is_refused_quickly_with_bounded_memory():
    data = hostile.lying_member()  # declares 60,000 bytes, inflates to 1.1 GB
    assert len(data) < 1200 * 1024
    tracemalloc.start()
    started = time.monotonic()
    try:
        message = _refused(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message.startswith(BOMB)
    assert time.monotonic() - started < 2
    assert peak < 20 * 1024 * 1024


_READ = """
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from tests.uploads import hostile
from uploads.reader import file_blocks
from uploads.safety import UnusableFile, check_upload
data = getattr(hostile, sys.argv[1])()
try:
    file_blocks(check_upload("bieu.xlsx", data))
    print("READ")
except UnusableFile as refusal:
    print("REFUSED", refusal.message)
"""


@pytest.mark.parametrize("shape", ["far_cell", "far_cell_outside_worksheets", "lying_member"])
def test_the_full_read_path_never_aborts_under_a_1_gb_limit(shape):
    """Run in a subprocess: before the fix calamine aborted the process (signal 6)."""
    done = subprocess.run([sys.executable, "-c", _READ, shape], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"DEBUG": "0", "TESTING": "1",
                                                       "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("REFUSED ")


FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(column=st.integers(1, 16384), row=st.integers(1, 1048576), quote=st.sampled_from("'\""))
def test_any_far_cell_is_refused_and_any_near_one_accepted(column, row, quote):
    letters = ""
    number = column
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    data = hostile.far_cell(f"{letters}{row}", quote=quote)
    if column > MAX_COLUMNS or row > MAX_PHYSICAL_ROWS:
        assert _refused(data).startswith((TOO_MANY_ROWS, "Bảng tính có dữ liệu ở cột quá xa"))
    else:
        assert check_upload("bieu.xlsx", data).kind == "xlsx"


@FAST
@given(declares=st.integers(1, 50_000), extra=st.integers(1, 3 * 1024 * 1024))
def test_any_member_yielding_more_than_it_declares_is_refused(declares, extra):
    data = hostile.lying_member(inflates_to=extra, declares=declares)
    with pytest.raises(UnusableFile):
        check_upload("bieu.xlsx", data)
