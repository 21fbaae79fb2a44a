"""The propagation rows of the shared URL × role test (tests/test_url_access.py) and of the
service-permission test (tests/test_service_permissions.py), kept here so the shared files
change by one line each."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

INTRODUCERS = ("officer_a", "head_a", "standing", "admin")
READERS = ("officer_a", "head_a", "standing", "council", "admin")
PROVINCE = ("standing", "council", "admin")
OFFICE = ("standing", "admin")


def _channels():
    from propagation.models import Channel
    from propagation.services import load_channels

    load_channels()
    return {c.code: c for c in Channel.objects.all()}


def _photo() -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 0)).save(out, format="JPEG")
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


def _introduction(w, *, uploads=()):
    from propagation.services import record_introduction

    return record_introduction(exemplar=w.exemplar_a, channel=_channels()["bao-lai-chau"],
                               sent_on=datetime.date(2026, 1, 5), content="Bài viết",
                               uploads=uploads, acting_user=w.users["standing"])


def _kit(w):
    from propagation.services import create_media_kit

    return create_media_kit(channel=_channels()["bao-lai-chau"], exemplars=[w.exemplar_a],
                            number=45, acting_user=w.users["standing"])


def _latest_status(w):
    from propagation.models import Introduction

    return list(Introduction.objects.order_by("pk").values_list("status", "version"))


INTRO = lambda w: {"pk": _introduction(w).pk}  # noqa: E731
KIT = lambda w: {"pk": _kit(w).pk}  # noqa: E731
EXEMPLAR = lambda w: {"exemplar_id": w.exemplar_a.pk}  # noqa: E731


def url_access(Route, Get, Write, only, signed_in, count):
    """The rows, built with the shared test's own declaration classes."""
    return {
        "propagation:introduction_list": Route(get=Get(lambda w: {}, signed_in(200))),
        "propagation:introduction_create": Route(
            get=Get(EXEMPLAR, only(*INTRODUCERS)),
            post=Write(EXEMPLAR, INTRODUCERS, count("propagation.Introduction"),
                       lambda w, u: {"channel": _channels()["dai-ptth-tinh"].pk,
                                     "sent_on": timezone.localdate().strftime("%d/%m/%Y"),
                                     "content": "Phóng sự về điển hình"})),
        "propagation:introduction_detail": Route(get=Get(INTRO, only("national", *READERS))),
        "propagation:introduction_status": Route(post=Write(
            INTRO, INTRODUCERS, _latest_status,
            lambda w, u: {"status": "declined", "version": 1})),
        "propagation:attachment": Route(get=Get(
            lambda w: {"pk": _introduction(w, uploads=[_photo()]).attachments.get().pk},
            only("national", *READERS))),
        "propagation:channel_list": Route(
            get=Get(lambda w: {}, signed_in(200)),
            post=Write(lambda w: {}, OFFICE, count("propagation.Channel"),
                       lambda w, u: {"name": "Tạp chí Thử", "kind": "press"}, ok=302)),
        "propagation:kit_create": Route(
            get=Get(lambda w: {}, only(*OFFICE)),
            post=Write(lambda w: {}, OFFICE, count("propagation.MediaKit"),
                       lambda w, u: {"channel": _channels()["bao-lai-chau"].pk,
                                     "exemplars": [w.exemplar_a.pk], "dated": "05/01/2026"})),
        "propagation:kit_detail": Route(get=Get(KIT, only(*PROVINCE))),
        "propagation:kit_docx": Route(get=Get(KIT, only(*PROVINCE))),
        "propagation:kit_pdf": Route(get=Get(KIT, only(*PROVINCE))),
    }


def _svc():
    from propagation import services

    return services


def _status_call(w):
    introduction = _introduction(w)
    return lambda actor: _svc().change_status(introduction=introduction, status="declined",
                                              acting_user=actor)


def _record_call(w):
    channel = _channels()["bao-lai-chau"]
    return lambda actor: _svc().record_introduction(
        exemplar=w.exemplar_a, channel=channel, sent_on=datetime.date(2026, 1, 5),
        content="Bài viết", acting_user=actor)


def _kit_call(w):
    channel = _channels()["bao-lai-chau"]
    return lambda actor: _svc().create_media_kit(channel=channel, exemplars=[w.exemplar_a],
                                                 acting_user=actor)


def service_cases(Case):
    return {
        "propagation.add_channel": Case(
            lambda w: lambda actor: _svc().add_channel(name="Tạp chí Thử", kind="press",
                                                       acting_user=actor),
            refused=("officer_a", "head_a", "officer_b", "council"), allowed="standing"),
        "propagation.record_introduction": Case(
            _record_call, refused=("officer_b", "council"), allowed="officer_a"),
        "propagation.change_status": Case(
            _status_call, refused=("officer_b", "council"), allowed="head_a"),
        "propagation.create_media_kit": Case(
            _kit_call, refused=("officer_a", "head_a", "officer_b", "council"),
            allowed="standing"),
    }
