"""``manage.py tally_case CASE.json``: the council's tally of one case, no database.

Reads the JSON case of issue #13 (``council.tally``'s docstring and ``docs/council.md``), prints
one JSON object. Exit status 0 on a valid case, 2 on a file the command cannot use (not found,
not UTF-8, not JSON, a key repeated, missing or of the wrong type, a bad fraction), with a
Vietnamese message on stderr and never a traceback. ``-`` reads stdin.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from council.tally import MalformedCase, tally

MALFORMED = 2


class InputError(Exception):
    """Input the command cannot use (message in Vietnamese)."""


class Command(BaseCommand):
    help = ("Kiểm phiếu một tình huống biểu quyết của Hội đồng Thi đua - Khen thưởng từ tệp JSON "
            "(không cần cơ sở dữ liệu). In kết quả dạng JSON.")
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("case", help="Tệp JSON tình huống biểu quyết (“-”: đọc stdin).")

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except InputError as error:
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                self.stderr.write(str(error))
                sys.exit(MALFORMED)
            raise CommandError(str(error), returncode=MALFORMED) from error

    def handle(self, *args: Any, **options: Any) -> None:
        data = read_json(options["case"])
        try:
            result = tally(data)
        except MalformedCase as error:
            raise InputError(f"Tình huống biểu quyết không hợp lệ — {error}") from error
        self.stdout.write(json.dumps(result, ensure_ascii=False))


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"Tệp có khóa “{key}” lặp lại trong cùng một đối tượng.")
        out[key] = value
    return out


def _reject_constant(name: str):
    raise InputError(f"Tệp chứa giá trị “{name}” không phải JSON chuẩn.")


def read_json(name: str) -> Any:
    if name == "-":
        text = sys.stdin.read()
    else:
        path = Path(name)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError as error:
            raise InputError(f"Không tìm thấy tệp: {path}") from error
        except IsADirectoryError as error:
            raise InputError(f"{path} là một thư mục, không phải tệp.") from error
        except OSError as error:
            raise InputError(f"Không đọc được tệp {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise InputError(f"Tệp {path} không phải văn bản UTF-8 (byte thứ {error.start}).") \
                from error
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys,
                          parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InputError(f"Tệp không phải JSON hợp lệ: lỗi ở dòng {error.lineno}, "
                         f"cột {error.colno}.") from error
    except RecursionError as error:
        raise InputError("Tệp JSON lồng nhau quá sâu.") from error
