"""Per-address limit of the public form: at most ``DISCOVERY_SUGGESTIONS_PER_HOUR`` (5) sent
suggestions per client address per hour, counted in the cache (like the API's per-token rate).
The address is never stored: only a keyed hash of it (HMAC with the secret key)."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

from accounts.client_address import client_address

WINDOW_SECONDS = 3600


def limit() -> int:
    return int(getattr(settings, "DISCOVERY_SUGGESTIONS_PER_HOUR", 5))


def address_hash(request) -> str:
    address = client_address(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), f"discovery:{address}".encode(),
                    hashlib.sha256).hexdigest()


def _key(digest: str) -> str:
    return f"discovery:sent:{digest}"


def _recent(digest: str, now: float) -> list[float]:
    return [t for t in cache.get(_key(digest), []) if now - t < WINDOW_SECONDS]


def allowed(digest: str) -> bool:
    return len(_recent(digest, time.time())) < limit()


def count(digest: str) -> None:
    now = time.time()
    cache.set(_key(digest), [*_recent(digest, now), now], WINDOW_SECONDS)
