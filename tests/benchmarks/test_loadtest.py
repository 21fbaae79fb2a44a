"""`make loadtest` in small: the production server (gunicorn, DEBUG=0) on a free loopback port,
five users of mixed roles signed in through the login and second-factor forms, five seconds of
reading — no error, some throughput. About 15–30 s, most of it starting gunicorn."""

import pytest

from benchmarks import database, loadtest
from benchmarks.http_client import Session
from benchmarks.server import ServerOptions, production_server
from tests.world import build_world

pytestmark = pytest.mark.server


def _server_database(tmp_path) -> str:
    """The test database as the server sees it: a file copy of SQLite's in-memory one, or the
    PostgreSQL test database itself (its rows are committed: a transactional test)."""
    import sqlite3

    from django.db import connection

    if connection.vendor == "sqlite":
        target = tmp_path / "server.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return f"sqlite:///{target}"
    entry = connection.settings_dict
    auth = entry["USER"] + (f":{entry['PASSWORD']}" if entry["PASSWORD"] else "")
    return (f"postgres://{auth}@{entry['HOST'] or '127.0.0.1'}:{entry['PORT'] or 5432}/"
            f"{entry['NAME']}")


@pytest.mark.django_db(transaction=True)
def test_five_users_for_five_seconds_without_errors(tmp_path):
    world = build_world()
    names = [world.users[r].username for r in ("standing", "officer_a", "council", "head_a",
                                                  "officer_b")]
    users = loadtest.prepare_users(5, templates=names, campaign=world.campaign)
    url = _server_database(tmp_path)
    with production_server(url, ServerOptions(workers=2, task_worker=False)) as server:
        with database.switched_database(url if url.startswith("sqlite") else None):
            result = loadtest.run(server, users, seconds=5)
        anonymous = server.session().get("/dang-ky/dot/" + world.campaign.code + "/tong-hop/")

    assert not result.errors, result.failures
    assert len(result.login_ms) == 5  # every user signed in, the privileged ones with a code
    assert result.requests > 0 and result.throughput > 0
    kinds = {"home", "search", "registration", "evaluation", "overview"}
    assert {kind for user in users for kind, _path in user.urls} == kinds  # every page in the mix
    assert result.by_page and set(result.by_page) <= kinds  # (a busy machine may skip one in 5 s)
    assert not result.dropped, result.dropped  # each role may open each of its pages
    assert result.percentile(0.5) <= result.percentile(0.99)
    assert len(result.load) == 3
    text = "\n".join(result.lines())
    assert "req/s" in text and "p99" in text and "load avg" in text
    assert anonymous.status == 302  # the server is the real one: signed out, sent to sign in


def test_the_bounds_hold():
    with pytest.raises(ValueError):
        loadtest.check_bounds(loadtest.MAX_USERS + 1, 5)
    with pytest.raises(ValueError):
        loadtest.check_bounds(5, loadtest.MAX_SECONDS + 1)
    with pytest.raises(ValueError):
        Session("192.0.2.1", 80)  # loopback only
