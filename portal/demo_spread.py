"""The demo's spread of exemplars (#14), through the services: a model adopted by two communes
with a result; two exemplars introduced to Báo Lai Châu and Đài PTTH and a media kit for both;
the exemplar recognised by the demo's decision published by one standing-office user and
approved by another (with the person's consent recorded), and one prepared but still waiting;
a citizen's suggestion routed to a commune and another declined."""

import datetime

from django.utils import timezone


def seed_spread(*, standing, second_standing, current_unit) -> dict:
    from discovery import services as discovery
    from propagation import services as propagation
    from propagation.models import Channel
    from publication import services as publication
    from registry.enums import ExemplarKind, ExemplarState, RegistrationState
    from registry.models import Exemplar
    from replication.services import add_result, record_adoption

    today = timezone.localdate()
    counts = {"adoptions": 0, "introductions": 0, "publications": 0, "suggestions": 0}

    # 1. a model adopted by two communes other than its own
    model = (Exemplar.objects.filter(kind=ExemplarKind.PRACTICE,
                                     registration__state=RegistrationState.RECEIVED)
             .exclude(state__in=[ExemplarState.WITHDRAWN, ExemplarState.REVOKED,
                                 ExemplarState.NOT_RECOGNISED])
             .select_related("registration__unit").order_by("pk").first())
    if model is not None:
        adopters = [u for u in (current_unit("Xã Bình Lư"), current_unit("Phường Tân Phong"))
                    if u.pk != model.registration.unit_id]
        for index, unit in enumerate(adopters):
            adoption = record_adoption(
                exemplar=model, unit=unit,
                started_on=today - datetime.timedelta(days=200 - 90 * index),
                scale={"households": 40 - 15 * index, "participants": 160 - 60 * index},
                notes="Học tập cách làm tại đơn vị xây dựng mô hình.", acting_user=standing)
            counts["adoptions"] += 1
            if index == 0:
                add_result(adoption=adoption, on=today - datetime.timedelta(days=20),
                           text="Thu nhập bình quân của các hộ tham gia tăng khoảng 15%.",
                           figures={"households": 55}, acting_user=standing)

    # 2. two recognised (or at least registered) exemplars introduced to the press and radio-TV
    introduced = list(Exemplar.objects.filter(state=ExemplarState.RECOGNISED,
                                              award_link__isnull=False).order_by("pk")[:2])
    channels = [Channel.objects.get(code="bao-lai-chau"), Channel.objects.get(code="dai-ptth-tinh")]
    for exemplar, channel in zip(introduced, channels, strict=False):
        intro = propagation.record_introduction(
            exemplar=exemplar, channel=channel, sent_on=today - datetime.timedelta(days=10),
            content=f"Bài giới thiệu và ảnh về {exemplar.name}.", acting_user=standing)
        if channel.code == "bao-lai-chau":
            propagation.change_status(introduction=intro, status="published",
                                      published_url="https://baolaichau.vn/dien-hinh-tien-tien",
                                      acting_user=standing)
        else:
            propagation.change_status(introduction=intro, status="published",
                                      broadcast_on=today - datetime.timedelta(days=5),
                                      acting_user=standing)
        counts["introductions"] += 1
    if introduced:
        propagation.create_media_kit(channel=channels[0], exemplars=introduced, number=45,
                                     dated=today - datetime.timedelta(days=11),
                                     signer_title="GIÁM ĐỐC", signer_name="Lò Thị Hương",
                                     acting_user=standing)

    # 3. publication, four eyes: prepared by one, approved by another; one left waiting
    for index, exemplar in enumerate(introduced):
        draft = publication.prepare_publication(
            exemplar=exemplar, acting_user=standing,
            story=(f"{exemplar.name} là điển hình tiên tiến được Chủ tịch UBND tỉnh công nhận. "
                   + (exemplar.solutions or "")),
            consent_recorded=True, consent_given_by=exemplar.head_name or exemplar.name,
            consent_on=today - datetime.timedelta(days=15), consent_method="written")
        draft = publication.transition_publication(publication=draft, name="submit_publication",
                                                   acting_user=standing)
        if index == 0:
            publication.transition_publication(publication=draft, name="approve_publication",
                                               acting_user=second_standing)
            counts["publications"] += 1

    # 4. discovery: a reporter's suggestion routed to the commune, another declined
    routed = discovery.submit_suggestion(
        sender_name="Lò Thị Hoa (phóng viên Báo Lai Châu)", contact_email="hoa.bao@example.vn",
        contact_phone="0912 345 678", whom="Ông Tao Văn Páo",
        what="Hiến 500 m² đất và góp 20 ngày công làm đường vào bản.",
        where="Bản Nà Luồng, xã Bình Lư")
    discovery.route_suggestion(suggestion=routed, unit=current_unit("Xã Bình Lư"),
                               acting_user=standing, note="Đề nghị xã xem xét đăng ký điển hình.")
    declined = discovery.submit_suggestion(
        sender_name="Nguyễn Văn Bình", contact_email="binh@example.vn",
        whom="Tổ thu gom rác tổ dân phố 5",
        what="Tự nguyện thu gom rác thải mỗi sáng chủ nhật.",
        where="Tổ dân phố 5, phường Tân Phong")
    discovery.decline_suggestion(suggestion=declined, acting_user=standing,
                                 reason="Tập thể đã được UBND phường khen thưởng năm 2026.")
    counts["suggestions"] = 2
    return counts
