"""No upload bytes are ever kept in the session: no view writes to ``request.session`` at all
(login aside, which Django does itself), and the rating-import preview leaves only login keys
(tests/evaluation_product/test_rating_import.py checks the session content)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["registry", "evaluation", "uploads", "portal", "guidance", "orgs", "search", "audit",
        "core"]
WRITE = re.compile(r"\.session\s*\[[^\]]+\]\s*=|\.session\.(update|setdefault)\(")


def test_no_app_code_writes_to_the_session():
    writers = [f"{path.relative_to(ROOT)}:{n}"
               for app in APPS if (ROOT / app).is_dir()
               for path in (ROOT / app).rglob("*.py")
               for n, line in enumerate(path.read_text().splitlines(), start=1)
               if WRITE.search(line)]
    assert writers == []
