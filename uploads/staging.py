"""An uploaded file, kept server-side between the preview and the confirmation — for every
importer (the Biểu đăng ký, the annual ratings…); no upload is ever kept in the session.

Each upload is stored under a random token in ``IMPORT_STAGING_DIR`` (default
``VAR_DIR/import-staging``, never under MEDIA_ROOT, which a web server may serve), with who
uploaded it, for which target — a ``purpose`` naming the importer (``"registry.import"``) and
the id of the object it will change — at which version of that object, and the file's SHA-256.
Confirmation re-reads and re-checks the stored bytes; it does not trust anything the browser
sends back except the token, and only the same user for the same purpose and object can use
that token. Files older than ``TTL_SECONDS`` are refused and deleted whenever a new one is
staged, and one user holds at most ``MAX_PER_USER`` staged files (the oldest goes first), so
the area stays bounded by the number of active users times the upload size limit.
"""

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TTL_SECONDS = 3600
MAX_PER_USER = 5  # staged files a user may hold at once; staging a sixth drops the oldest
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


@dataclass(frozen=True)
class StagedFile:
    token: str
    name: str
    data: bytes
    version: int


def staging_dir() -> Path:
    configured = getattr(settings, "IMPORT_STAGING_DIR", None)
    base = Path(configured) if configured else Path(settings.VAR_DIR) / "import-staging"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    return base


def _paths(token: str) -> tuple[Path, Path]:
    base = staging_dir()
    return base / f"{token}.bin", base / f"{token}.json"


def stage(*, name: str, data: bytes, user_id: int, purpose: str, object_id: int,
          version: int = 0) -> str:
    """Keep ``data`` for ``user_id``'s later confirmation; the token goes into the form."""
    _sweep()
    _trim(user_id)
    token = secrets.token_urlsafe(32)
    blob, meta = _paths(token)
    blob.write_bytes(data)
    blob.chmod(0o600)
    meta.write_text(json.dumps({
        "name": name, "user": user_id, "purpose": purpose, "object": object_id, "version": version,
        "sha256": hashlib.sha256(data).hexdigest(), "at": time.time(),
    }))
    meta.chmod(0o600)
    return token


def load(token: str, *, user_id: int, purpose: str, object_id: int) -> StagedFile | None:
    """The staged file, or ``None`` when the token is unknown, expired, someone else's or
    for another purpose or object, or the bytes changed on disk."""
    if not _TOKEN.match(token or ""):
        return None
    blob, meta_path = _paths(token)
    try:
        meta = json.loads(meta_path.read_text())
        data = blob.read_bytes()
    except (OSError, ValueError):
        return None
    fresh = time.time() - float(meta.get("at", 0)) < TTL_SECONDS
    owned = (meta.get("user") == user_id and meta.get("purpose") == purpose
             and meta.get("object") == object_id)
    intact = hashlib.sha256(data).hexdigest() == meta.get("sha256")
    if not (fresh and owned and intact):
        return None
    return StagedFile(token, str(meta["name"]), data, int(meta["version"]))


def discard(token: str) -> None:
    if not _TOKEN.match(token or ""):
        return
    for path in _paths(token):
        path.unlink(missing_ok=True)


def _sweep() -> None:
    limit = time.time() - TTL_SECONDS
    for path in staging_dir().glob("*.json"):
        try:
            stale = path.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            discard(path.stem)


def _trim(user_id: int) -> None:
    """Leave room for one more file of ``user_id`` within ``MAX_PER_USER``."""
    held = []
    for path in staging_dir().glob("*.json"):
        try:
            meta = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if meta.get("user") == user_id:
            held.append((float(meta.get("at", 0)), path.stem))
    for _at, token in sorted(held)[:max(0, len(held) - MAX_PER_USER + 1)]:
        discard(token)
