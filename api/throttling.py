"""Per-token rate limit (django-ninja's throttle, keyed on the token, not the address)."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def __init__(self):
        super().__init__(settings.API_TOKEN_RATE)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        if token is None:
            return None  # not signed in with a token: the auth step answers 401
        return self.cache_format % {"scope": self.scope, "ident": token.prefix}
