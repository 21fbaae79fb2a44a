"""For any upload up to the 10 MB limit the process stays under ~300 MB and never aborts:
the largest files the caps let through and the hostile shapes, each read in a fresh
subprocess (check, then parse) with its peak resident memory (``VmHWM``) measured.
Numbers: docs/benchmarks.md, "Uploads: memory of the worst files"."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.uploads import hostile

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 300
_READ = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from uploads.reader import file_blocks
from uploads.safety import UnusableFile, check_upload
path = sys.argv[1]
data = open(path, "rb").read()
try:
    blocks = file_blocks(check_upload(os.path.basename(path), data))
    outcome = "read %d rows" % sum(len(b.rows) for b in blocks)
except UnusableFile as refusal:
    outcome = "refused"
# VmHWM: this process image's peak resident memory. (ru_maxrss would also carry the peak of
# the forking pytest process over the exec.)
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(outcome, peak // 1024)
"""

SHAPES = {
    "wide.xlsx": (hostile.wide_workbook, "read 20000 rows"),
    "long.docx": (hostile.long_document, "read 20001 rows"),
    "far.xlsx": (hostile.far_cell, "refused"),
    "outside.xlsx": (hostile.far_cell_outside_worksheets, "refused"),
    "lying.xlsx": (hostile.lying_member, "refused"),
}


@pytest.mark.parametrize("name", list(SHAPES))
def test_peak_memory_of_the_worst_files_stays_under_300_mb(name, tmp_path):
    build, expected = SHAPES[name]
    path = tmp_path / name
    path.write_bytes(build())
    assert path.stat().st_size <= 10 * 1024 * 1024
    done = subprocess.run([sys.executable, "-c", _READ, str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={"DEBUG": "0", "TESTING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    outcome, peak_mb = done.stdout.strip().rsplit(" ", 1)
    assert outcome == expected
    assert int(peak_mb) < LIMIT_MB, f"{name}: {peak_mb} MB"
    print(f"{name}: {outcome}, {peak_mb} MB")
