"""Tokens for the test world's roles and a JSON client for /api/v1/."""

import json

from accounts.system import system_actor
from api.models import Origin
from api.services import issue_token

BASE = "/api/v1"


def token_for(user, scopes: str = "read", days: int = 1) -> str:
    """A token issued the operator's way (the web page needs a second factor)."""
    _token, whole = issue_token(owner=user, name="thử nghiệm", scopes=scopes, days=days,
                                acting_user=system_actor(), origin=Origin.COMMAND)
    return whole


def call(client, method: str, path: str, token: str | None = None, body=None, *,
         multipart: bool = False, **extra):
    """``body`` goes as JSON, or with ``multipart`` as form data with files (an upload)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    url = path if path.startswith("/") and path.startswith(BASE) else f"{BASE}{path}"
    send = getattr(client, method.lower())
    if body is None:
        return send(url, **headers, **extra)
    if multipart:
        return send(url, data=body, **headers, **extra)
    return send(url, data=json.dumps(body), content_type="application/json", **headers, **extra)
