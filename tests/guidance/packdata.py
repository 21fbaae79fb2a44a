"""Helpers to find parts of a parsed pack by code or key, so tests break the intended one."""

from typing import Any


def criterion_index(data: dict[str, Any], code: str) -> int:
    return next(i for i, c in enumerate(data["criteria"]) if c["code"] == code)


def field_index(data: dict[str, Any], key: str) -> int:
    return next(i for i, f in enumerate(data["fields"]) if f["key"] == key)
