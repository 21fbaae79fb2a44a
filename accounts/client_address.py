"""The client's address as the login lock-out sees it, behind a known number of proxies.

Each trusted reverse proxy appends the address it received the request from to
``X-Forwarded-For``. With ``TRUSTED_PROXY_COUNT = n`` the client is the n-th entry from the
right: anything further left was written by the client and is ignored, so a forged header
cannot pick the address a failure is counted against. With 0 (no proxy) the socket address is
used and the header is ignored altogether.
"""

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < count:
        # Fewer hops than proxies: the request did not come through all of them.
        return remote
    return _valid(chain[-count]) or remote
