import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from guidance.loading import read_pack_file, shipped_pack_path
from guidance.pack import Pack


@pytest.fixture(scope="session")
def shipped_pack() -> Pack:
    return read_pack_file(shipped_pack_path())


@pytest.fixture(scope="session")
def _shipped_data() -> dict[str, Any]:
    return yaml.safe_load(shipped_pack_path().read_text(encoding="utf-8"))


@pytest.fixture
def pack_data(_shipped_data) -> dict[str, Any]:
    """A fresh, mutable copy of the shipped pack as parsed from YAML, for breaking it."""
    return copy.deepcopy(_shipped_data)


@pytest.fixture
def write_pack(tmp_path) -> Callable[..., Path]:
    """Write pack data (or raw text) to a file in tmp_path and return its path."""

    def write(data: dict[str, Any] | str, name: str = "pack.yaml") -> Path:
        path = tmp_path / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        elif name.endswith(".yaml"):
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
        else:
            path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        return path

    return write

