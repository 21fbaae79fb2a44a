"""Issuing and revoking personal API tokens: the web page "Khóa API" and the
``create_api_token`` command both call these, and both are audited."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api import tokens
from api.models import ApiToken, Origin, Scope
from audit.log import record
from audit.models import Action
from core.errors import DomainError, NotAllowed

SCOPE_SETS = {
    Scope.READ: (Scope.READ,),
    Scope.WRITE: (Scope.READ, Scope.WRITE),  # a write token reads too
}


def parse_scopes(text: str) -> str:
    """``"read"``, ``"write"`` or ``"read,write"`` → the stored scope string; DomainError else."""
    wanted = {part.strip().lower() for part in (text or "").split(",") if part.strip()}
    known = {str(s) for s in Scope}
    if not wanted or wanted - known:
        raise DomainError(_("Phạm vi phải là “read” hoặc “read,write”."), field="scopes")
    top = Scope.WRITE if Scope.WRITE in wanted else Scope.READ
    return ",".join(str(s) for s in SCOPE_SETS[top])


def _check_days(days: int) -> int:
    limit = settings.API_TOKEN_MAX_DAYS
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= limit:
        raise DomainError(_("Thời hạn phải từ 1 đến %(max)s ngày.") % {"max": limit}, field="days")
    return days


def issue_token(*, owner, name: str, scopes: str, days: int, acting_user,
                origin: str = Origin.WEB) -> tuple[ApiToken, str]:
    """A new token for ``owner``; returns it and the whole token text, shown this once.

    On the web a user issues tokens for themself only, and only with a second factor enrolled
    (a token must not be a way around it). The server's operator (the ``create_api_token``
    command, acting as the system account) may issue one for any active account."""
    from accounts import mfa

    if not owner.is_active:
        raise NotAllowed(_("Tài khoản này đã bị khóa."))
    if origin == Origin.WEB:
        if acting_user.pk != owner.pk:
            raise NotAllowed(_("Chỉ chủ tài khoản mới tạo được khóa API của mình."))
        if not mfa.enrolled(owner):
            raise NotAllowed(_("Hãy bật xác thực hai lớp trước khi tạo khóa API."))
    elif not acting_user.is_superuser:
        raise NotAllowed(_("Chỉ người vận hành máy chủ mới tạo khóa cho tài khoản khác."))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Hãy đặt tên gợi nhớ cho khóa (ví dụ: “Cổng thông tin tỉnh”)."),
                          field="name")
    if len(name) > 100:
        raise DomainError(_("Tên gợi nhớ dài quá 100 ký tự."), field="name")
    scope_text = parse_scopes(scopes)
    days = _check_days(days)
    whole, prefix, digest = tokens.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner, name=name, prefix=prefix, digest=digest, scopes=scope_text,
            origin=origin, expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        record(actor=acting_user, action=Action.CREATE, obj=token, owner=owner,
               after={"name": name, "scopes": scope_text, "origin": origin,
                      "expires_at": token.expires_at, "prefix": prefix})
    return token, whole


def revoke_token(*, token: ApiToken, acting_user) -> ApiToken:
    if not acting_user.has_perm("api.revoke_apitoken", token):
        raise NotAllowed(_("Bạn không thu hồi được khóa của người khác."))
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise DomainError(_("Khóa này đã bị thu hồi trước đó."))
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=acting_user, action=Action.UPDATE, obj=token, owner=token.user,
               verb="revoke_token", before={"revoked_at": None}, after={"revoked_at": token.revoked_at})
    return token
