"""The award history: everyone signed in reads the two catalogues; subjects are read in the
web's scope (outside it: 404); the standing office enters a record of an earlier year."""

from tests.api.spec import Change, Read, everyone, only
from tests.awards import access

SEES_A = ("officer_a", "head_a", "standing", "council", "admin")


def _subject_path(suffix: str = ""):
    return lambda w: f"/award-subjects/{access.subject(w).pk}{suffix}"


def _record_body(w) -> dict:
    access.catalogue(w)
    return {"form": "bang-khen-ubnd-tinh", "year": 2024, "decision_number": "1234/QĐ-UBND",
            "decision_date": "2024-12-20", "issuer": "Chủ tịch UBND tỉnh Lai Châu"}


OPERATIONS = {
    ("GET", "/award-catalogue/titles"): Read(
        lambda w: (access.catalogue(w), "/award-catalogue/titles")[1], everyone(200)),
    ("GET", "/award-catalogue/forms"): Read(
        lambda w: (access.catalogue(w), "/award-catalogue/forms")[1], everyone(200)),
    ("GET", "/award-subjects/"): Read(
        lambda w: (access.subject(w), "/award-subjects/")[1], everyone(200)),
    ("GET", "/award-subjects/{subject_id}"): Read(_subject_path(), only("national", *SEES_A)),
    ("POST", "/award-subjects/{subject_id}/records"): Change(
        _subject_path("/records"), ("standing", "admin"), access.record_count,
        body=_record_body, denied={"officer_b": 404}),
}
