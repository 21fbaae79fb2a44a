"""Search: every signed-in role searches (what it finds is scoped: tests/api/test_scoping.py,
where the world is indexed — a read here must leave the database as it found it)."""

from tests.api.spec import Read, everyone

OPERATIONS = {
    ("GET", "/search/"): Read(lambda w: "/search/?q=Mai&kind=exemplar", everyone(200)),
}
