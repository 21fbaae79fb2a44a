"""Units: every role reads the list (scoped); a unit's page only within what the role sees."""

from tests.api.spec import Read, everyone, only

UNIT_A = lambda w: f"/units/{w.unit_a.pk}"  # noqa: E731
UNIT_B = lambda w: f"/units/{w.unit_b.pk}"  # noqa: E731

OPERATIONS = {
    ("GET", "/units/"): Read(lambda w: "/units/", everyone(200)),
    # a unit officer sees their unit and its subtree; unit B is another unit: 404 as if absent
    ("GET", "/units/{unit_id}"): Read(UNIT_B, only("national", "officer_b", "standing", "council", "admin")),
}


