"""The declaration format of the API access test (tests/api/test_api_access.py): each app's
operations are declared in its own ``tests/api/ops_<app>.py`` as ``OPERATIONS``."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.world import ROLES, World

SIGNED_IN = tuple(r for r in ROLES if r != "anonymous")


def everyone(code=200):
    return {role: code for role in SIGNED_IN} | {"anonymous": 401}


def only(*allowed, ok=200, denied=404):
    return {role: (ok if role in allowed else denied) for role in SIGNED_IN} | {"anonymous": 401}


@dataclass(frozen=True)
class Read:
    path: Callable[[World], str]
    expected: dict
    # A download: the content type of its 200 answer (errors are JSON all the same).
    content_type: str = "application/json"


@dataclass(frozen=True)
class Change:
    path: Callable[[World], str]
    allowed: tuple[str, ...]
    effect: Callable[[World], object]
    body: Callable[[World], object] = lambda w: {}
    ok: int = 200
    denied: dict = field(default_factory=dict)  # role → status, default 403
    multipart: bool = False  # body(world) is form data with files, not JSON
    per_user: bool = False  # body(world, user): the body names something of the caller's own


