"""Personal API tokens: shown once and stored as a digest; every refusal is a 401 in Vietnamese
with ``WWW-Authenticate: Bearer``; scopes, last use, the per-token throttle; the command."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from accounts.system import SYSTEM_USERNAME
from api.models import ApiToken
from audit.models import AuditEvent
from config.api import api
from tests.api.helpers import call, token_for
from tests.db_state import snapshot
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"^dh_[0-9a-f]{12}_[A-Za-z0-9_-]{40,}$")


def _every_text_in_the_database() -> str:
    """Every column of every table, as text (small test database)."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # introspected names
            out.extend(str(v) for row in cursor.fetchall() for v in row)
    return "\n".join(out)


def _refused(response):
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Bearer"
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("Cần khóa API hợp lệ")


def test_token_stored_as_digest_only(world):  # noqa: F811
    whole = token_for(world.users["officer_a"])
    assert TOKEN.match(whole)
    _tag, prefix, secret = whole.split("_", 2)
    token = ApiToken.objects.get(prefix=prefix)
    assert token.digest != secret and len(token.digest) == 64
    text = _every_text_in_the_database()
    assert whole not in text
    assert secret not in text


def test_valid_token_reads_and_records_last_use_once_a_minute(client, world):  # noqa: F811
    whole = token_for(world.users["officer_a"])
    token = ApiToken.objects.get(prefix=whole.split("_")[1])
    assert token.last_used_at is None
    assert call(client, "GET", "/units/", whole).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert call(client, "GET", "/units/", whole).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first  # not written again within the minute
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    call(client, "GET", "/units/", whole)
    token.refresh_from_db()
    assert token.last_used_at > first - datetime.timedelta(minutes=1)


@pytest.mark.parametrize("case", ["expired", "revoked", "wrong_secret", "unknown_prefix",
                                  "malformed", "no_scheme", "locked_owner", "none"])
def test_refused_tokens_get_401(client, world, case):  # noqa: F811
    user = world.users["officer_a"]
    whole = token_for(user)
    prefix = whole.split("_")[1]
    header = f"Bearer {whole}"
    if case == "expired":
        ApiToken.objects.filter(prefix=prefix).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif case == "revoked":
        ApiToken.objects.filter(prefix=prefix).update(revoked_at=timezone.now())
    elif case == "wrong_secret":
        header = f"Bearer dh_{prefix}_{'x' * 43}"
    elif case == "unknown_prefix":
        header = f"Bearer dh_000000000000_{whole.split('_', 2)[2]}"
    elif case == "malformed":
        header = "Bearer dh_" + "é" * 20
    elif case == "no_scheme":
        header = whole
    elif case == "locked_owner":
        user.is_active = False
        user.save()
    headers = {} if case == "none" else {"HTTP_AUTHORIZATION": header}
    _refused(client.get("/api/v1/units/", **headers))


def test_read_token_on_a_write_is_403(client, world):  # noqa: F811
    whole = token_for(world.users["officer_a"], "read")
    before = snapshot()
    response = call(client, "PUT", f"/evaluation/exemplars/{world.exemplar_a.pk}/rated", whole,
                    {"rated": True})
    assert response.status_code == 403
    assert "chỉ có quyền đọc" in response.json()["detail"]
    assert snapshot() == before


@pytest.fixture
def two_per_minute():
    from api.throttling import TokenRateThrottle

    throttles = [t for t in api.throttle if isinstance(t, TokenRateThrottle)]
    assert throttles, "the API has a per-token throttle"
    saved = [(t.rate, t.num_requests, t.duration) for t in throttles]
    for t in throttles:  # the rate is read in __init__: set what it parsed
        t.rate, (t.num_requests, t.duration) = "2/min", t.parse_rate("2/min")
    cache.clear()
    yield
    for t, (rate, num, duration) in zip(throttles, saved, strict=True):
        t.rate, t.num_requests, t.duration = rate, num, duration
    cache.clear()


def test_throttle_per_token_is_429_in_vietnamese(client, world, two_per_minute):  # noqa: F811
    mine = token_for(world.users["officer_a"])
    other = token_for(world.users["officer_a"])
    assert [call(client, "GET", "/units/", mine).status_code for _ in range(2)] == [200, 200]
    response = call(client, "GET", "/units/", mine)
    assert response.status_code == 429
    assert "quá nhiều yêu cầu" in response.json()["detail"]
    assert int(response["Retry-After"]) >= 1
    assert call(client, "GET", "/units/", other).status_code == 200  # counted per token


def test_command_prints_only_the_token_and_is_audited(world, capsys):  # noqa: F811
    user = world.users["officer_a"]
    call_command("create_api_token", user.username, "--scopes", "read", "--days", "1")
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) == 1 and TOKEN.match(lines[0])
    token = ApiToken.objects.get(prefix=lines[0].split("_")[1])
    assert token.user == user and token.scopes == "read" and token.origin == "command"
    assert token.expires_at - timezone.now() <= datetime.timedelta(days=1)
    event = AuditEvent.objects.get(object_id=str(token.pk), content_type__model="apitoken")
    assert event.actor.username == SYSTEM_USERNAME


@pytest.mark.parametrize(("args", "message"), [
    (["nobody-here", "--scopes", "read"], "Không tìm thấy tài khoản"),
    (["{user}", "--scopes", "admin"], "Phạm vi phải là"),
    (["{user}", "--days", "0"], "Thời hạn phải từ 1 đến"),
    (["{user}", "--days", "100000"], "Thời hạn phải từ 1 đến"),
])
def test_command_refusals_exit_2_in_vietnamese(world, args, message):  # noqa: F811
    username = world.users["officer_a"].username
    before = ApiToken.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("create_api_token", *[a.format(user=username) for a in args])
    assert refused.value.returncode == 2
    assert message in str(refused.value)
    assert ApiToken.objects.count() == before
