import datetime

from propagation import services
from propagation.models import Channel

SENT_ON = datetime.date(2026, 3, 2)


def channels() -> dict[str, Channel]:
    services.load_channels()
    return {c.code: c for c in Channel.objects.all()}


def introduce(w, *, channel_code="bao-lai-chau", user="standing", exemplar=None, **extra):
    return services.record_introduction(
        exemplar=exemplar or w.exemplar_a, channel=channels()[channel_code], sent_on=SENT_ON,
        content="Bài viết và 3 ảnh về cách chăm sóc người bệnh", acting_user=w.users[user],
        today=datetime.date(2026, 3, 10), **extra)


def kit(w, *exemplars):
    return services.create_media_kit(
        channel=channels()["bao-lai-chau"], exemplars=list(exemplars) or [w.exemplar_a],
        number=45, dated=datetime.date(2026, 3, 5), signer_name="Nguyễn Văn Hòa",
        acting_user=w.users["standing"])
