"""Every API operation × every role's token: the declared outcome, and for every write what it
did to the database — the REST twin of tests/test_url_access.py.

``OPERATIONS`` maps ``(METHOD, path template)`` — as the OpenAPI document names it — to:

* ``Read(path, expected)`` — ``path(world)`` gives the concrete path (it runs before the
  snapshot, so it may create what it reads); ``expected[role]`` the
  status for that role's **read** token (anonymous: no token → 401); a download names the
  ``content_type`` of its 200 answer (its refusals are JSON like every other). The same request with a
  write token gives the same status.
* ``Change(path, allowed, effect, body=…, ok=200)`` — a write. Each role in ``allowed`` with a
  **write** token gets ``ok`` and changes ``effect(world)``; with ``multipart=True`` the body
  is form data with files (an upload); with ``per_user=True`` the body is
  ``body(world, user)`` (a staged file's token belongs to the caller); every other role gets ``denied``
  (403, or 404 where the object is outside what the role can see) and leaves every row of every
  project table unchanged (``tests.db_state``). A **read** token gets 403 for every role and
  changes nothing; no token, 401.

Each role runs in a savepoint rolled back afterwards. An operation of the API that is not
declared here fails ``test_every_operation_is_declared``.
"""

from contextlib import contextmanager

import pytest
from django.db import transaction

from config.api import api
from tests.api import (
    ops_awards,
    ops_council,
    ops_decisions,
    ops_discovery,
    ops_evaluation,
    ops_exports,
    ops_fostering,
    ops_guidance,
    ops_inspections,
    ops_orgs,
    ops_progress,
    ops_propagation,
    ops_proposals,
    ops_publication,
    ops_registry,
    ops_replication,
    ops_reviews,
    ops_search,
    ops_urging,
)
from tests.api.helpers import BASE, call, token_for
from tests.api.spec import SIGNED_IN, Change, Read
from tests.db_state import differences, snapshot
from tests.world import ROLES, world  # noqa: F401  (fixture)

# One module per app; a helper adding an app adds its module here.
OPERATIONS = {**ops_orgs.OPERATIONS, **ops_registry.OPERATIONS, **ops_guidance.OPERATIONS,
              **ops_evaluation.OPERATIONS, **ops_search.OPERATIONS, **ops_progress.OPERATIONS,
              **ops_inspections.OPERATIONS, **ops_urging.OPERATIONS,
              **ops_fostering.OPERATIONS, **ops_proposals.OPERATIONS, **ops_awards.OPERATIONS,
              **ops_council.OPERATIONS,
              **ops_decisions.OPERATIONS,
              **ops_discovery.OPERATIONS,
              **ops_propagation.OPERATIONS,
              **ops_replication.OPERATIONS,
              **ops_publication.OPERATIONS,
              **ops_reviews.OPERATIONS,
              **ops_exports.OPERATIONS}


def operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    found = set()
    for path, methods in schema["paths"].items():
        for method in methods:
            found.add((method.upper(), path.removeprefix(BASE)))
    return found


def test_every_operation_is_declared():
    undeclared = operations() - set(OPERATIONS)
    stale = set(OPERATIONS) - operations()
    assert not undeclared, f"operations without a declared outcome: {sorted(undeclared)}"
    assert not stale, f"declared operations that no longer exist: {sorted(stale)}"


@pytest.fixture
def tokens(world):  # noqa: F811
    return {role: {"read": token_for(world.users[role], "read"),
                   "write": token_for(world.users[role], "read,write")}
            for role in SIGNED_IN}


@contextmanager
def _savepoint():
    point = transaction.savepoint_create()
    try:
        yield
    finally:
        transaction.savepoint_rollback(point)


READS = sorted(key for key, spec in OPERATIONS.items() if isinstance(spec, Read))
CHANGES = sorted(key for key, spec in OPERATIONS.items() if isinstance(spec, Change))


@pytest.mark.django_db
@pytest.mark.parametrize("key", READS, ids=lambda k: f"{k[0]} {k[1]}")
def test_read_outcome_per_role(client, world, tokens, key):  # noqa: F811
    method, _template = key
    spec = OPERATIONS[key]
    for role in ROLES:
        kinds = ("read", "write") if role != "anonymous" else (None,)
        for kind in kinds:
            with _savepoint():
                token = tokens[role][kind] if kind else None
                path = spec.path(world)  # may create what it reads, like a Change's path
                before = snapshot()
                response = call(client, method, path, token)
                assert response.status_code == spec.expected[role], (key, role, kind,
                                                                    response.content[:300])
                ok = response.status_code == 200
                assert response["Content-Type"].startswith(
                    spec.content_type if ok else "application/json"), key
                assert snapshot() == before, (key, role, differences(before, snapshot()))


@pytest.mark.django_db
@pytest.mark.parametrize("key", CHANGES, ids=lambda k: f"{k[0]} {k[1]}")
def test_change_outcome_per_role(client, world, tokens, key):  # noqa: F811
    method, _template = key
    spec = OPERATIONS[key]
    for role in ROLES:
        for kind in (("read", "write") if role != "anonymous" else (None,)):
            with _savepoint():
                user = world.users.get(role)
                path = spec.path(world)
                body = spec.body(world, user) if spec.per_user else spec.body(world)
                token = tokens[role][kind] if kind else None
                before_effect = spec.effect(world)
                before = snapshot()
                response = call(client, method, path, token, body, multipart=spec.multipart)
                context = (key, role, kind, response.status_code, response.content[:300])
                if kind == "write" and role in spec.allowed:
                    assert response.status_code == spec.ok, context
                    assert spec.effect(world) != before_effect, context
                    continue
                want = 401 if kind is None else 403 if kind == "read" else spec.denied.get(role, 403)
                assert response.status_code == want, context
                after = snapshot()
                assert after == before, (*context, differences(before, after))
