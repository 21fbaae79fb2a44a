"""The demo's commendation cycle, through the services as a real province would run it:

two units propose an eligible exemplar each (the achievement report generated from the data),
the standing office screens them, the council meets (six seats; one member excluded from an
item because the proposing unit is his own, one abstains), the secretary closes the votes, and
the standing office issues one numbered decision naming both — so the exemplars stand
"recognised" and their award history shows it. One earlier award is entered by hand (history
of an earlier year), as the standing office does for records that predate the system.
"""

import datetime

from django.utils import timezone

from accounts.models import Membership, Role

# The council members the demo adds to its users: (username, full name, position, unit, role).
COUNCIL_MEMBER_USERS = [
    ("hoidong.uv1", "Lò Thị Xuân", "Phó Giám đốc Sở Y tế", "Sở Y tế tỉnh Lai Châu",
     Role.COUNCIL_MEMBER),
    ("hoidong.uv2", "Giàng A Pháo", "Phó Chủ tịch Hội Nông dân tỉnh", "Hội Nông dân tỉnh Lai Châu",
     Role.COUNCIL_MEMBER),
    ("hoidong.uv3", "Hoàng Thị Nga", "Phó Giám đốc Sở Tư pháp", "Sở Tư pháp tỉnh Lai Châu",
     Role.COUNCIL_MEMBER),
    ("hoidong.uv4", "Nguyễn Đức Minh", "Phó Chánh Văn phòng UBND tỉnh",
     "Ủy ban nhân dân tỉnh Lai Châu", Role.COUNCIL_MEMBER),
]
# The seats: (username, unit, role in the council). The chair and the secretary are the demo's
# council and standing-office accounts; hoidong.uv3 sits for Sở Tư pháp, which proposes.
COUNCIL_SEATS = [
    ("hoidong", "Ủy ban nhân dân tỉnh Lai Châu", "chair"),
    ("sonoivu", "Sở Nội vụ tỉnh Lai Châu", "secretary"),
    *((username, unit, "member") for username, _n, _p, unit, _r in COUNCIL_MEMBER_USERS),
]
PROPOSING_UNITS = ["Sở Giáo dục và Đào tạo tỉnh Lai Châu", "Sở Tư pháp tỉnh Lai Châu"]
FORM_CODE = "cong-nhan-dien-hinh-tien-tien"


def _eligible_exemplar(unit):
    from evaluation.selectors import exemplar_evaluation
    from registry.enums import ExemplarState, RegistrationState
    from registry.models import Exemplar

    candidates = Exemplar.objects.filter(
        registration__unit=unit, registration__state=RegistrationState.RECEIVED,
        state__in=[ExemplarState.REGISTERED, ExemplarState.FOSTERING],
    ).select_related("registration__campaign__pack", "registration__unit").order_by("position")
    for exemplar in candidates:
        if exemplar_evaluation(exemplar).verdict.eligible:
            return exemplar
    return None


def _council(*, standing, current_unit, start):
    from accounts.models import User
    from council import services as council

    seats = {}
    for username, unit_name, role in COUNCIL_SEATS:
        user = User.objects.get(username=username)
        seats[username] = council.add_member(
            full_name=user.full_name, role=role, valid_from=start, user=user,
            position_title=user.position_title, unit=current_unit(unit_name),
            acting_user=standing)
    return seats


def seed_commendation(*, campaign, standing, users, current_unit) -> dict:
    """Run the cycle once. ``users`` maps (unit name, role) to the demo's unit users."""
    from awards.models import CommendationForm
    from awards.services import enter_record, subject_for_exemplar
    from council import services as council
    from council.models import AgendaItem
    from decisions import services as decisions
    from decisions.models import Authority
    from proposals import services as proposals
    from proposals.docx import render_report_docx
    from proposals.selectors import items_passed, items_ready_for_meeting
    from registry.enums import ExemplarState
    from registry.services import transition_exemplar

    today = timezone.localdate()
    form = CommendationForm.objects.get(code=FORM_CODE)
    proposed = []
    for unit_name in PROPOSING_UNITS:
        unit = current_unit(unit_name)
        exemplar = _eligible_exemplar(unit)
        if exemplar is None:
            continue
        officer = users.get((unit_name, Role.UNIT_OFFICER)) or Membership.objects.filter(
            unit=unit, role=Role.UNIT_OFFICER).first().user
        head = users.get((unit_name, Role.UNIT_HEAD)) or Membership.objects.filter(
            unit=unit, role=Role.UNIT_HEAD).first().user
        if exemplar.state == ExemplarState.REGISTERED:
            exemplar = transition_exemplar(exemplar=exemplar, name="foster", acting_user=standing)
        proposal = proposals.create_proposal(
            campaign=campaign, unit=unit, acting_user=officer,
            letter_number=f"{len(proposed) + 21}/TTr-{unit.short_name or unit.code}",
            letter_date=today - datetime.timedelta(days=20), signer_name=head.full_name,
            summary="Đề nghị công nhận điển hình tiên tiến giai đoạn 2022 - 2025.")
        item = proposals.add_item(
            proposal=proposal, exemplar=exemplar, form=form, year=today.year, acting_user=officer,
            achievement="Hoàn thành xuất sắc nhiệm vụ; mô hình được các đơn vị trong tỉnh học tập.")
        proposals.attach_report(item=item, name="bao-cao-thanh-tich.docx",
                                data=render_report_docx(item), acting_user=officer)
        proposal = proposals.transition_proposal(proposal=proposal, name="send_for_approval",
                                                 acting_user=officer)
        proposal = proposals.transition_proposal(proposal=proposal, name="approve",
                                                 acting_user=head)
        for each in proposal.items.all():
            proposals.screen_item(item=each, result="accepted", acting_user=standing,
                                  note="Hồ sơ đầy đủ, đủ tiêu chuẩn, không trùng lặp.")
        proposals.transition_proposal(proposal=proposal, name="finish_screening",
                                      acting_user=standing)
        proposed.append(exemplar)
    if not proposed:
        return {"proposals": 0, "meetings": 0, "decisions": 0}

    seats = _council(standing=standing, current_unit=current_unit,
                     start=datetime.date(today.year, 1, 1))
    meeting = council.create_meeting(
        title="Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh xét công nhận điển hình tiên tiến",
        held_on=today - datetime.timedelta(days=7), place="Hội trường Ủy ban nhân dân tỉnh",
        chair=seats["hoidong"], secretary=seats["sonoivu"], campaign=campaign,
        acting_user=standing)
    council.set_agenda(meeting=meeting, items=list(items_ready_for_meeting(campaign)),
                       acting_user=standing)
    council.set_attendance(meeting=meeting, present=list(seats.values()), acting_user=standing)
    for position, item in enumerate(AgendaItem.objects.filter(meeting=meeting)
                                    .order_by("position"), start=1):
        item = council.open_vote(item=item, acting_user=standing)
        excluded = set(item.exclusions.values_list("member_id", flat=True))
        for username, seat in seats.items():
            if seat.pk in excluded:
                continue
            choice = "abstain" if (position == 1 and username == "hoidong.uv2") else "approve"
            council.cast_ballot(item=item, choice=choice, acting_user=seat.user)
        council.close_vote(item=item, acting_user=standing)
    council.close_meeting(meeting=meeting, acting_user=standing,
                          notes="Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh công nhận.")

    authority = Authority.objects.get(code="ct-ubnd-tinh")
    draft = decisions.create_draft(authority=authority, items=list(items_passed(campaign)),
                                   meeting=meeting, acting_user=standing,
                                   signer_name="Lê Văn Lương")
    decisions.issue_decision(decision=draft, issued_on=today - datetime.timedelta(days=2),
                             acting_user=standing)

    # An award of an earlier year, entered by hand: the history predates the system.
    earlier = CommendationForm.objects.get(code="bang-khen-ubnd-tinh")
    enter_record(subject=subject_for_exemplar(exemplar=proposed[0]), form=earlier, year=2023,
                 decision_number="2150/QĐ-UBND", decision_date=datetime.date(2023, 12, 18),
                 issuer="Chủ tịch UBND tỉnh Lai Châu",
                 achievement="Có thành tích xuất sắc trong phong trào thi đua năm 2023.",
                 acting_user=standing)
    return {"proposals": len(proposed), "meetings": 1, "decisions": 1}
