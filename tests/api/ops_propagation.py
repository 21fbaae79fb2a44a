"""Propagation (/api/v1/propagation/): who may do what with a token — the web's answers, except
that an introduction (or an exemplar) outside what the role sees is a 404 as if absent."""

from propagation.models import Channel, Introduction, MediaKit
from tests.api.spec import Change, Read, everyone, only
from tests.propagation.access import INTRODUCERS, OFFICE, PROVINCE, READERS, _channels
from tests.propagation.access import _introduction as introduction
from tests.propagation.access import _kit as kit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OUTSIDE = {"officer_b": 404}


def _statuses(w):
    return list(Introduction.objects.order_by("pk").values_list("status", "version"))


OPERATIONS = {
    ("GET", "/propagation/channels"): Read(lambda w: "/propagation/channels", everyone(200)),
    ("GET", "/propagation/introductions"): Read(lambda w: "/propagation/introductions",
                                                everyone(200)),
    ("GET", "/propagation/introductions/{introduction_id}"): Read(
        lambda w: f"/propagation/introductions/{introduction(w).pk}", only("national", *READERS)),
    ("GET", "/propagation/media-kits/{kit_id}"): Read(
        lambda w: f"/propagation/media-kits/{kit(w).pk}", only(*PROVINCE, denied=403)),
    ("GET", "/propagation/media-kits/{kit_id}/docx"): Read(
        lambda w: f"/propagation/media-kits/{kit(w).pk}/docx", only(*PROVINCE, denied=403),
        content_type=DOCX),
    ("POST", "/propagation/channels"): Change(
        lambda w: "/propagation/channels", OFFICE, lambda w: Channel.objects.count(),
        body=lambda w: {"name": "Tạp chí Thử", "kind": "press"}),
    ("POST", "/propagation/introductions"): Change(
        lambda w: "/propagation/introductions", INTRODUCERS,
        lambda w: Introduction.objects.count(),
        body=lambda w: {"exemplar": w.exemplar_a.pk, "channel": next(iter(_channels())),
                        "sent_on": "2026-01-05", "content": "Bài viết về điển hình"},
        denied=OUTSIDE),
    ("POST", "/propagation/introductions/{introduction_id}/status"): Change(
        lambda w: f"/propagation/introductions/{introduction(w).pk}/status", INTRODUCERS,
        _statuses, body=lambda w: {"status": "declined"}, denied=OUTSIDE),
    ("POST", "/propagation/media-kits"): Change(
        lambda w: "/propagation/media-kits", OFFICE, lambda w: MediaKit.objects.count(),
        body=lambda w: {"channel": _channels()["bao-lai-chau"].code, "exemplars": [w.exemplar_a.pk],
                        "number": 45}),
}
