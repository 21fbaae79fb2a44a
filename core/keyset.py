"""Keyset pages for long lists: a page after (or before) a row is found by the row's sort values
through the index the list is ordered by, never by skipping the rows before it (``OFFSET``).

A list is a queryset ordered by ``fields`` (unique together, the last usually ``pk``) with an
index in that order. The query string says which page:

- ``?page=N`` — page N by offset (the first pages; any N still works, deep ones slowly);
- ``?sau=<token>`` — the page after the row the token names ("Trang sau");
- ``?truoc=<token>`` — the page before it ("Trang trước");
- ``?cuoi=1`` — the last page, read by the reversed order ("Trang cuối");
- nothing — the first page ("Trang đầu").

A token is signed (``django.core.signing``): the boundary row's sort values and its position
in the list (for the numbers "Stt" and "Trang x/y"). A malformed, tampered or foreign token gives
the first page. Pages are aligned: the next, previous and last pages hold the same rows as the
offset pages of those numbers while the list does not change; the total comes from the caller
(one COUNT or a stored count), so a page costs one query.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

PARAMS = ("page", "sau", "truoc", "cuoi")


@dataclass
class KeysetPage:
    entries: list
    count: int            # rows in the whole list
    per_page: int
    start_index: int      # position of the first entry, from 1 (0 when empty)
    previous_token: str = ""
    next_token: str = ""
    has_previous: bool = False
    has_next: bool = False
    links: dict[str, str] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def number(self) -> int:
        return max(1, min(self.num_pages, (max(self.start_index, 1) - 1) // self.per_page + 1))

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.entries) - 1 if self.entries else 0

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def is_last(self) -> bool:
        return not self.has_next


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return {"b": value.hex()}
    return value


def _unplain(value: Any) -> Any:
    if isinstance(value, dict):
        return bytes.fromhex(value["b"])
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return value
    raise ValueError(value)


def token(row, fields: Sequence[str], position: int, salt: str) -> str:
    """The signed token naming ``row`` (at ``position`` in the list)."""
    values = [_plain(getattr(row, "pk" if name == "pk" else name)) for name in fields]
    return signing.dumps({"v": values, "n": position}, salt=salt, compress=True)


def read_token(raw: str, fields: Sequence[str], salt: str) -> tuple[list, int] | None:
    """The row values and position a token names, or None when it is not one of ours."""
    if not raw or len(raw) > 2000:
        return None
    try:
        body = signing.loads(raw, salt=salt)
        values = [_unplain(v) for v in body["v"]]
        position = body["n"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if len(values) != len(fields) or not isinstance(position, int) or position < 1:
        return None
    return values, position


def _beyond(queryset: QuerySet, fields: Sequence[str], values: list, after: bool) -> QuerySet:
    lookup = TupleGreaterThan if after else TupleLessThan
    return queryset.filter(lookup(Tuple(*[F(name) for name in fields]), tuple(values)))


def _reversed(fields: Sequence[str]) -> list[str]:
    return [f"-{name}" for name in fields]


def paginate(queryset: QuerySet, fields: Sequence[str], params, *, count: int,
             per_page: int = 100, salt: str) -> KeysetPage:
    """The page ``params`` (a QueryDict) asks for, of ``queryset`` in the order of ``fields``
    (ascending, unique together), holding ``count`` rows."""
    ordered = queryset.order_by(*fields)
    backwards = queryset.order_by(*_reversed(fields))
    num_pages = max(1, math.ceil(count / per_page))

    def by_offset(number: int) -> KeysetPage:
        number = max(1, min(number, num_pages))
        offset = (number - 1) * per_page
        rows = list(ordered[offset:offset + per_page + 1])
        return _finish(rows[:per_page], offset + 1, has_previous=number > 1,
                       has_next=len(rows) > per_page)

    def _finish(rows: list, start: int, *, has_previous: bool, has_next: bool) -> KeysetPage:
        found = KeysetPage(rows, count, per_page, start if rows else 0,
                           has_previous=has_previous and bool(rows), has_next=has_next)
        if rows:
            found.previous_token = token(rows[0], fields, start, salt)
            found.next_token = token(rows[-1], fields, start + len(rows) - 1, salt)
        return found

    def last_page() -> KeysetPage:
        rows = list(backwards[:max(count - (num_pages - 1) * per_page, 0)])[::-1]
        return _finish(rows, (num_pages - 1) * per_page + 1, has_previous=num_pages > 1,
                       has_next=False)

    if params.get("cuoi"):
        return last_page()
    for name, after in (("sau", True), ("truoc", False)):
        raw = params.get(name)
        if not raw:
            continue
        found = read_token(raw, fields, salt)
        if found is None:
            return by_offset(1)
        values, position = found
        if after:
            rows = list(_beyond(ordered, fields, values, True)[:per_page + 1])
            if not rows:  # past the end (rows were removed meanwhile)
                return last_page()
            return _finish(rows[:per_page], position + 1, has_previous=True,
                           has_next=len(rows) > per_page)
        rows = list(_beyond(backwards, fields, values, False)[:per_page + 1])
        if len(rows) <= per_page:  # the beginning of the list: the first page itself
            return by_offset(1)
        rows = rows[:per_page][::-1]
        return _finish(rows, max(2, position - per_page), has_previous=True, has_next=True)
    try:
        number = int(params.get("page") or 1)
    except (TypeError, ValueError):
        number = 1
    return by_offset(number)
