"""An uploaded file, kept server-side between the preview and the confirmation — for every
importer (the Biểu đăng ký, the annual ratings…); no upload is ever kept in the session.

Each upload is stored under a random token in ``IMPORT_STAGING_DIR`` (default
``VAR_DIR/import-staging``, never under MEDIA_ROOT, which a web server may serve), with who
uploaded it, for which target — a ``purpose`` naming the importer (``"registry.import"``) and
the id of the object it will change — at which version of that object, and the file's SHA-256.
Confirmation re-reads and re-checks the stored bytes; it does not trust anything the browser
sends back except the token, and only the same user for the same purpose and object can use
that token.

Bounds (settings, with defaults): files older than ``UPLOAD_STAGING_TTL_SECONDS`` (3,600) are
refused and deleted whenever a new one is staged; one user holds at most ``MAX_PER_USER`` files
and ``UPLOAD_STAGING_USER_BYTES`` (30 MB) — staging past that drops that user's **oldest** files
first (a new preview replaces the ones the user moved on from, so 10 previews of a 9 MB file keep
at most three on disk); and the whole area holds at most ``UPLOAD_STAGING_TOTAL_BYTES`` (1 GB) —
past that a **new** file is refused (``StagingFull``, a Vietnamese message) rather than anyone
else's preview being dropped.
"""

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What every preview-then-confirm page says when its token no longer leads to a staged file.
EXPIRED = gettext_lazy("Bản xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại.")

TTL_SECONDS = 3600
MAX_PER_USER = 5  # staged files a user may hold at once; staging a sixth drops the oldest
USER_BYTES = 30 * 1024 * 1024
TOTAL_BYTES = 1024 * 1024 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


class StagingFull(Exception):
    """No room for the file; ``message`` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _ttl() -> int:
    return int(getattr(settings, "UPLOAD_STAGING_TTL_SECONDS", TTL_SECONDS))


def _user_bytes() -> int:
    return int(getattr(settings, "UPLOAD_STAGING_USER_BYTES", USER_BYTES))


def _total_bytes() -> int:
    return int(getattr(settings, "UPLOAD_STAGING_TOTAL_BYTES", TOTAL_BYTES))


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
    """Keep ``data`` for ``user_id``'s later confirmation; the token goes into the form.
    ``StagingFull`` when the file is larger than a user's quota or the area is full."""
    _sweep()
    if len(data) > _user_bytes():
        raise StagingFull(_("Tệp quá lớn để giữ lại chờ xác nhận (tối đa %(limit)s MB cho mỗi "
                            "người). Hãy tải lên tệp nhỏ hơn.")
                          % {"limit": _user_bytes() // 1048576})
    _trim(user_id, len(data))
    if _used_bytes() + len(data) > _total_bytes():
        raise StagingFull(_("Khu lưu tạm tệp tải lên đang đầy. Hãy thử lại sau ít phút; nếu "
                            "vẫn không được, hãy báo quản trị hệ thống."))
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
    fresh = time.time() - float(meta.get("at", 0)) < _ttl()
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
    limit = time.time() - _ttl()
    for path in staging_dir().glob("*.json"):
        try:
            stale = path.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            discard(path.stem)


def _used_bytes() -> int:
    total = 0
    for path in staging_dir().glob("*.bin"):
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def _trim(user_id: int, incoming: int) -> None:
    """Drop ``user_id``'s oldest files until one more of ``incoming`` bytes fits within
    ``MAX_PER_USER`` files and the user's byte quota."""
    held = []
    for path in staging_dir().glob("*.json"):
        try:
            meta = json.loads(path.read_text())
            size = path.with_suffix(".bin").stat().st_size
        except (OSError, ValueError):
            continue
        if meta.get("user") == user_id:
            held.append((float(meta.get("at", 0)), path.stem, size))
    held.sort()
    used = sum(size for _at, _token, size in held)
    while held and (len(held) + 1 > MAX_PER_USER or used + incoming > _user_bytes()):
        _at, token, size = held.pop(0)
        discard(token)
        used -= size
