"""The API's error answers: 422 per field in Vietnamese, malformed JSON a 400 in JSON, NFD
bodies stored NFC, unknown paths a JSON 404; the docs page offline; the OpenAPI document valid."""

import re
import unicodedata

import pytest
import schemathesis

from evaluation import models as m
from tests.api.helpers import call, token_for
from tests.db_state import snapshot
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _shape(body: dict) -> None:
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    for error in body["errors"]:
        assert set(error) == {"field", "message"}


def test_422_names_each_field_in_vietnamese(client, world):  # noqa: F811
    token = token_for(world.users["standing"], "read,write")
    response = call(client, "GET", "/packs/?on=hôm-nay", token)
    assert response.status_code == 422
    body = response.json()
    _shape(body)
    assert body["detail"] == "Dữ liệu gửi lên chưa hợp lệ."
    assert body["errors"] == [{"field": "on",
                               "message": "Ngày không hợp lệ (định dạng YYYY-MM-DD)."}]
    missing = call(client, "PUT", f"/evaluation/exemplars/{world.exemplar_a.pk}/rated", token,
                   {"rated": "có lẽ"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "rated",
                                         "message": "Phải là true hoặc false."}]
    form = call(client, "POST", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/ratings",
                token, {"values": {"year": 2024, "level": "không có"}})
    assert form.status_code == 422
    fields = {e["field"]: e["message"] for e in form.json()["errors"]}
    assert list(fields) == ["values.level"]
    assert fields["values.level"].startswith("Hãy chọn một lựa chọn hợp lệ.")  # the form's words


def test_malformed_json_is_400_json(client, world):  # noqa: F811
    token = token_for(world.users["standing"], "read,write")
    before = snapshot()
    response = client.put(f"/api/v1/evaluation/exemplars/{world.exemplar_a.pk}/rated",
                          data=b'{"rated": tru', content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    _shape(response.json())
    assert response.json()["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    assert snapshot() == before


def test_nfd_in_body_is_stored_nfc(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    authority = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lai Châu")
    response = call(client, "POST", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/"
                    "recognitions", token, {"values": {"number": "5/QĐ", "authority": authority}})
    assert response.status_code == 201, response.content
    row = m.Recognition.objects.get(pk=response.json()["id"])
    assert row.authority == "Ủy ban nhân dân tỉnh Lai Châu"
    assert unicodedata.is_normalized("NFC", row.authority)


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/units/abc/xyz", "/api/v1/"])
def test_unknown_path_is_404_json(client, world, path):  # noqa: F811
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token_for(world.users['admin'])}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    _shape(response.json())
    assert "Không có địa chỉ này" in response.json()["detail"]


def test_docs_page_uses_only_local_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    assert assets, "the page loads its Swagger UI"
    assert not [a for a in assets if re.match(r"(https?:)?//", a)], assets
    assert "cdn" not in html.lower()


def test_openapi_document_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    raw = response.json()
    assert raw["openapi"].startswith("3.")
    schema = schemathesis.openapi.from_dict(raw)  # validates the document as it loads
    operations = [op for op in schema.get_all_operations()]
    assert len(operations) == sum(len(v) for v in raw["paths"].values())
    for path, methods in raw["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary"), (method, path)
            assert "401" in operation["responses"], (method, path)


def test_schema_names_are_unique():
    """Two schemas of one name become one component of the OpenAPI document (the last one
    wins): a response would then be documented with another operation's shape."""
    from ninja import Schema

    import config.api  # noqa: F401  (every router imported)

    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    ours = {c for c in every(Schema) if not c.__module__.startswith(("ninja", "pydantic"))}
    names: dict[str, set[str]] = {}
    for cls in ours:
        names.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {n: sorted(where) for n, where in names.items() if len(where) > 1}
    assert not clashes, clashes
