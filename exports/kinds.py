"""The export kinds: what a background export is, declared by the app that owns the data.

``exports`` imports no domain app. An app that hands out a large file registers a kind from its
``AppConfig.ready()`` (docs/exports.md):

    from exports.kinds import ExportKind, register

    register(ExportKind(
        key="registry.compiled_list", label=_("Danh sách điển hình tiên tiến đăng ký"),
        permission="registry.view_compiled_list", target=campaign_of,   # params → object
        count=compiled_count,                                            # params → rows
        write=write_compiled,          # (params, fmt, binary file, on_row) → rows written
        filename=compiled_filename,    # (params, fmt) → "danh-sach-….xlsx"
        formats=("xlsx", "csv", "json"), back_url=compiled_page_url))

A kind is a few callables over the job's ``params`` (plain JSON: codes and filter values,
never objects), so the worker can rebuild everything from the stored job:

* ``target(params)`` — the object the permission is checked on (the campaign); raises
  ``LookupError`` (or the model's ``DoesNotExist``) when it is gone;
* ``permission`` — the rules permission of the page the export comes from: checked when the job
  is requested, and again at every look at the job and every download ("authorized like the
  page" — ``exports.rules``);
* ``count(params)`` — the number of rows, one cheap COUNT; it decides inline or background and
  is the progress bar's total;
* ``write(params, fmt, out, on_row)`` — writes the file into the binary file ``out`` in constant
  memory and returns the rows written; ``on_row(n)`` every ``uploads.tables.PROGRESS_EVERY``
  rows (``counted`` does it for a row iterator);
* ``filename(params, fmt)`` — the download's name; ``back_url(params)`` — the page, for a link.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ObjectDoesNotExist

from uploads.tables import PROGRESS_EVERY

OnRow = Callable[[int], None]
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: object  # a lazy translation: what the status page calls the file
    permission: str
    target: Callable[[dict], object]
    count: Callable[[dict], int]
    write: Callable[[dict, str, BinaryIO, OnRow | None], int]
    filename: Callable[[dict, str], str]
    formats: tuple[str, ...] = ("xlsx",)
    back_url: Callable[[dict], str] | None = None

    def allows(self, user, params: dict) -> bool:
        """``user`` holds the kind's permission on the object ``params`` name (False when the
        object is gone)."""
        try:
            target = self.target(params)
        except (LookupError, ObjectDoesNotExist, ValueError, TypeError):
            return False
        return bool(user.has_perm(self.permission, target))


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> None:
    if not set(kind.formats) <= set(CONTENT_TYPES):
        raise ValueError(f"unknown formats in {kind.key}: {kind.formats}")
    _KINDS[kind.key] = kind


def get(key: str) -> ExportKind | None:
    return _KINDS.get(key)


def registered() -> list[ExportKind]:
    return list(_KINDS.values())


def counted(rows: Iterable, on_row: OnRow | None) -> Iterator:
    """``rows`` passed through, ``on_row(n)`` called every ``PROGRESS_EVERY`` rows (for the
    writers that have no callback of their own: CSV, JSON)."""
    if on_row is None:
        yield from rows
        return
    n = 0
    for row in rows:
        yield row
        n += 1
        if n % PROGRESS_EVERY == 0:
            on_row(n)
