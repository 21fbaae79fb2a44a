"""``manage.py evaluate_case CASE.json [--pack FILE]``: one exemplar's verdict, no database.

For support and checks: a clerk or developer writes the evidence of one exemplar as JSON
(``docs/evaluation.md``) and gets the same verdict the product shows, computed by the same
engine from a pack file. Exit status 0 whatever the verdict, 2 on malformed input.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from evaluation.engine import Evaluator, UnsupportedPack
from evaluation.engine.case import Case, CaseError
from guidance.pack import Pack

MALFORMED = 2  # exit status for any input the command cannot use
DEFAULT_PACK = Path(settings.BASE_DIR) / "guidance" / "packs" / "2533-HD-UBND.yaml"


class InputError(Exception):
    """Input the command cannot use; the message is Vietnamese and names the file or key."""


class Command(BaseCommand):
    help = (
        "Đánh giá một điển hình theo các tiêu chuẩn của bộ hướng dẫn, từ tệp JSON minh chứng "
        "(không cần cơ sở dữ liệu). In kết quả dạng JSON."
    )
    # Nothing here touches the database: no system or migration checks (they may query it).
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("case", help="Tệp JSON minh chứng của một điển hình (“-”: đọc stdin).")
        parser.add_argument(
            "--pack", help=f"Tệp bộ hướng dẫn (YAML/JSON); mặc định {DEFAULT_PACK.name}."
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        """Report malformed input as a plain Vietnamese line and exit 2 on the command line;
        called from code (``call_command``) it raises :class:`CommandError` with returncode 2."""
        try:
            return super().execute(*args, **options)
        except InputError as error:
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                self.stderr.write(str(error))
                sys.exit(MALFORMED)
            raise CommandError(str(error), returncode=MALFORMED) from error

    def handle(self, *args: Any, **options: Any) -> None:
        evaluator = load_evaluator(options["pack"])
        data = read_case_json(options["case"])
        try:
            case = Case.from_json(data, vocabulary=evaluator.vocabulary)
        except CaseError as error:
            raise InputError(f"Hồ sơ không hợp lệ — {error}") from error
        verdict = evaluator.evaluate(case)
        self.stdout.write(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))


def load_evaluator(path: str | None) -> Evaluator:
    """An evaluator for the pack at ``path`` or the shipped one (read as the product reads it)."""
    pack = read_pack(Path(path) if path else DEFAULT_PACK)
    try:
        return Evaluator(pack)
    except UnsupportedPack as error:
        raise InputError(str(error)) from error


def read_pack(source: Path) -> Pack:
    try:
        from guidance.loading import PackError, read_pack_file
    except ImportError:  # the loader is optional here: the file format is the pack's own
        return _read_pack_plainly(source)
    try:
        return read_pack_file(source)
    except PackError as error:
        raise InputError(str(error)) from error


def _read_pack_plainly(source: Path) -> Pack:
    import yaml
    from pydantic import ValidationError

    text = _read_text(source, "bộ hướng dẫn")
    try:
        return Pack.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as error:
        raise InputError(f"Bộ hướng dẫn {source} không hợp lệ: {error}") from error


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(f"Không tìm thấy tệp {what}: {path}") from error
    except IsADirectoryError as error:
        raise InputError(f"Tệp {what} {path} là một thư mục.") from error
    except OSError as error:
        raise InputError(f"Không đọc được tệp {what} {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise InputError(
            f"Tệp {what} {path} không phải văn bản UTF-8 (byte thứ {error.start})."
        ) from error


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON allows ``"year"`` twice and keeps the last; in evidence that hides a mistake."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"Tệp hồ sơ có khóa “{key}” lặp lại trong cùng một đối tượng.")
        out[key] = value
    return out


def read_case_json(name: str) -> Any:
    """The case file (or stdin for ``-``) parsed as JSON, repeated keys refused."""
    if name == "-":
        text = sys.stdin.read()
    else:
        text = _read_text(Path(name), "hồ sơ")
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys)
    except json.JSONDecodeError as error:
        raise InputError(
            f"Tệp hồ sơ không phải JSON hợp lệ: lỗi ở dòng {error.lineno}, cột {error.colno}."
        ) from error
