"""Publications: the standing office (and the administrator) only — everyone else 403; the
approval is another standing-office user's than the preparer's (four eyes)."""

from publication.models import Publication
from tests.api.spec import Change, Read, only
from tests.publication import access as pa

OFFICE = ("standing", "admin")
REFUSED = {"officer_a": 403, "head_a": 403, "officer_b": 403, "council": 403}


def _row(w):
    pub = Publication.objects.filter(exemplar=w.exemplar_a).first()
    return pub and (pub.state, pub.story, pub.version)


def _draft_path(w, suffix=""):
    return f"/publications/{pa._draft(w).pk}{suffix}"


OPERATIONS = {
    ("GET", "/publications/"): Read(lambda w: "/publications/", only(*OFFICE, denied=403)),
    ("GET", "/publications/{publication_id}"): Read(_draft_path, only(*OFFICE, denied=403)),
    ("POST", "/publications/"): Change(
        lambda w: "/publications/", OFFICE, lambda w: Publication.objects.count(),
        body=lambda w: {"exemplar_id": pa._recognised(w)["exemplar_id"],
                        "story": "Câu chuyện.", "consent_recorded": True,
                        "consent_given_by": "Đặng Thị Mai", "consent_on": "2026-03-02",
                        "consent_method": "written"}, denied=REFUSED),
    ("PATCH", "/publications/{publication_id}"): Change(
        _draft_path, OFFICE, _row,
        body=lambda w: {"story": "Sửa.", "version": _row(w)[2], "consent_recorded": True,
                        "consent_given_by": "Đặng Thị Mai", "consent_on": "2026-03-02",
                        "consent_method": "written"}, denied=REFUSED),
    ("POST", "/publications/{publication_id}/transitions/{name}"): Change(
        lambda w: f"/publications/{pa._awaiting_other(w)['pk']}/transitions/approve_publication",
        OFFICE, _row, denied=REFUSED),
}
