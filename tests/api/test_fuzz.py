"""Schemathesis against the API as it runs: every operation of the OpenAPI document, with valid
and invalid inputs, called with a unit officer's write token and read token.

Checks: never a 5xx, every response conforms to its declared schema, every status code is one
the operation declares. The calls go through Django's WSGI application in this process (the
same transaction as the test, so the world below is seen and everything written is rolled back);
``tests/api/test_api_access.py`` holds the per-role outcomes.

Bounded: a few examples per operation, no deadline — the whole file runs in well under a minute.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import token_for
from tests.world import build_world

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


def _schema():
    from django.core.wsgi import get_wsgi_application

    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    return loaded


schema = _schema()  # pytest-django has set Django up before collection


@pytest.fixture
def in_process():
    """Requests go straight into the WSGI application, so its request signals would close the
    test's database connection mid-transaction (PostgreSQL then refuses every later query);
    Django's own test client detaches ``close_old_connections`` the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def clerk(db, in_process):
    world = build_world()
    user = world.users["officer_a"]
    real = {"exemplar_id": world.exemplar_a.pk, "campaign_id": world.campaign.pk,
            "pack_id": world.campaign.pack_id, "unit_id": world.unit_a.pk,
            "registration_id": world.registration_a.pk}
    return {"read": token_for(user, "read"), "write": token_for(user, "read,write"),
            "real": real}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_and_never_fails(case, clerk):
    """Each generated case as generated (random ids: mostly 404s), then with its ids pointing
    at the world's own objects (the clerk's exemplar, registration, campaign, pack, unit)."""
    generated = dict(case.path_parameters or {})
    real = {k: clerk["real"][k] for k in generated if k in clerk["real"]}
    for parameters in ([generated, generated | real] if real else [generated]):
        case.path_parameters = parameters
        for kind in ("write", "read"):
            case.call_and_validate(headers={"Authorization": f"Bearer {clerk[kind]}"},
                                   checks=CHECKS)
