"""Reviews (sơ kết, tổng kết): the province-wide roles read the periods and their figures, the
standing office and the administrator declare and change them; a unit's roles get 403."""

from reviews.models import ReviewPeriod
from tests.api.spec import Change, Read, only
from tests.reviews.helpers import period_of, period_row

READERS = ("standing", "council", "admin")
WRITERS = ("standing", "admin")


def _period(suffix: str = ""):
    return lambda w: f"/reviews/periods/{period_of(w).code}{suffix}"


def _body(w) -> dict:
    return {"kind": "final", "title": "Tổng kết giai đoạn 2022 - 2025 (sửa)",
            "campaigns": [w.campaign.code], "starts_on": "2022-01-01", "ends_on": "2026-12-31",
            "held_on": "2027-01-15", "version": period_of(w).version}


OPERATIONS = {
    ("GET", "/reviews/periods/"): Read(lambda w: "/reviews/periods/",
                                       only("national", *READERS, denied=403)),
    ("GET", "/reviews/periods/{code}"): Read(_period(), only("national", *READERS, denied=403)),
    ("GET", "/reviews/periods/{code}/statistics"): Read(
        _period("/statistics?group_by=former"), only("national", *READERS, denied=403)),
    ("GET", "/reviews/periods/{code}/figures/{key}"): Read(
        _period("/figures/exemplars?dim=kind&value=individual"), only("national", *READERS, denied=403)),
    ("POST", "/reviews/periods/"): Change(
        lambda w: "/reviews/periods/", WRITERS, lambda w: ReviewPeriod.objects.count(),
        body=lambda w: {"code": "so-ket-2026", "kind": "interim", "title": "Sơ kết năm 2026",
                        "campaigns": [w.campaign.code], "starts_on": "2026-01-01",
                        "ends_on": "2026-12-31"}),
    ("PUT", "/reviews/periods/{code}"): Change(_period(), WRITERS, period_row, body=_body),
    ("PATCH", "/reviews/periods/{code}"): Change(
        _period(), WRITERS, period_row,
        body=lambda w: {"notes": "Họp tại hội trường tỉnh", "version": period_of(w).version}),
}
