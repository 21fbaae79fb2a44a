"""The token format: ``dh_<prefix>_<secret>``. The prefix finds the row, the secret is compared
with its SHA-256 digest in constant time (a 256-bit random secret needs no slow hash)."""

import hashlib
import hmac
import secrets

TAG = "dh"


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def generate() -> tuple[str, str, str]:
    """A new token: (the whole token to show once, its prefix, the digest to store)."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"{TAG}_{prefix}_{secret}", prefix, digest_of(secret)


def split(raw: str) -> tuple[str, str] | None:
    """(prefix, secret) of a presented token, or None when it is not one of ours."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TAG or not parts[1] or not parts[2] or len(parts[1]) > 16:
        return None
    return parts[1], parts[2]


def matches(secret: str, digest: str) -> bool:
    return hmac.compare_digest(digest_of(secret), digest)
