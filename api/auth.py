"""``Authorization: Bearer <token>``: the token's owner becomes ``request.user`` (their
permissions, never more); a write operation also needs the token's ``write`` scope."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from api import tokens
from api.models import ApiToken, Scope

_TOUCH_EVERY = datetime.timedelta(minutes=1)  # last_used_at is written at most once a minute


class ScopeMissing(HttpError):
    def __init__(self):
        super().__init__(403, _("Khóa API này chỉ có quyền đọc; thao tác ghi cần khóa có phạm vi "
                                "“write”."))


def find_token(raw: str) -> ApiToken | None:
    """The active token ``raw`` names, or None (unknown, wrong secret, expired, revoked,
    owner locked)."""
    parts = tokens.split(raw)
    if parts is None:
        return None
    prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not tokens.matches(secret, token.digest):
        return None
    if not token.is_active or not token.user.is_active:
        return None
    return token


class TokenAuth(HttpBearer):
    openapi_description = "Khóa API cá nhân (trang “Khóa API”): Authorization: Bearer dh_…"

    def __init__(self, scope: str = Scope.READ):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        found = find_token(token)
        if found is None:
            return None
        if not found.allows(self.scope):
            raise ScopeMissing()
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= _TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found
        return found


read = TokenAuth(Scope.READ)
write = TokenAuth(Scope.WRITE)
