"""The council over the API (/api/v1/council/, docs/api.md): meetings and their items, a
member casting their **own** ballot, the secretary opening and closing a vote, the results
once the vote is closed. The web's permissions open the doors (403), the web's services write
and log; a secret vote's ballots are never exposed, an open vote's by name after closing."""

import datetime

from django.http import Http404
from ninja import Field, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, write
from council import selectors, services
from council.models import AgendaItem, CouncilMember, Meeting, VoteChoice, VoteReceipt

router = Router(tags=["Hội đồng Thi đua - Khen thưởng"])


class CouncilMemberOut(Schema):
    id: int
    full_name: str
    position_title: str
    role: str
    unit_id: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None


class CouncilRuleOut(Schema):
    id: int
    key: str | None
    name: str
    form_code: str | None
    title_code: str | None
    quorum: str
    threshold: str
    basis: str
    strict: bool
    secret: bool
    to_confirm: bool
    valid_from: datetime.date
    valid_to: datetime.date | None


class CouncilExclusionOut(Schema):
    member_id: int
    member_name: str
    kind: str
    reason: str


class CouncilResultOut(Schema):
    status: str
    quorum: bool
    present: int
    members: int
    base: int
    approve: int
    reject: int
    abstain: int
    invalid: int
    excluded: list[str]
    by_member: dict[str, dict] | None = Field(
        None, description="Chỉ khi biểu quyết công khai: {id thành viên: {name, choice}}")


class CouncilItemOut(Schema):
    id: int
    meeting_id: int
    position: int
    proposal_item_id: int
    exemplar_name: str
    proposing_unit: str
    award: str
    vote_state: str
    rule: dict
    status: str = Field(description="pending cho đến khi thư ký kết thúc bỏ phiếu")
    receipts: int = Field(description="Số thành viên đã bỏ phiếu (không có nội dung phiếu)")
    voted: bool = Field(description="Người gọi đã bỏ phiếu nội dung này")
    can_cast: bool
    exclusions: list[CouncilExclusionOut]
    result: CouncilResultOut | None = Field(None, description="Chỉ sau khi kết thúc bỏ phiếu")


class CouncilMeetingOut(Schema):
    id: int
    title: str
    held_on: datetime.date
    place: str
    state: str
    chair_id: int | None
    secretary_id: int | None
    version: int


class CouncilMeetingDetail(CouncilMeetingOut):
    present: list[int]
    items: list[CouncilItemOut]


def _item_out(item: AgendaItem, user) -> dict:
    proposal_item = item.proposal_item
    award = proposal_item.title or proposal_item.form
    seats = selectors.valid_on(CouncilMember.objects.filter(user=user), item.meeting.held_on)
    voted = VoteReceipt.objects.filter(item=item, member__in=seats).exists()
    can_see = user.has_perm("council.view_results", item)
    return {
        "id": item.pk, "meeting_id": item.meeting_id, "position": item.position,
        "proposal_item_id": proposal_item.pk, "exemplar_name": proposal_item.exemplar.name,
        "proposing_unit": proposal_item.proposal.unit.name, "award": award.name if award else "",
        "vote_state": item.vote_state, "rule": item.rule,
        "status": item.status,
        "receipts": item.receipts.count(), "voted": voted,
        "can_cast": user.has_perm("council.cast_ballot", item) and not voted,
        "exclusions": [{"member_id": e.member_id, "member_name": e.member.full_name,
                        "kind": e.kind, "reason": e.reason} for e in item.exclusions.all()],
        "result": item.result if can_see and item.result else None,
    }


def _meeting(request, meeting_id: int) -> Meeting:
    require(request.user, "council.view_council")
    meeting = selectors.meeting_detail(meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _item(request, item_id: int) -> AgendaItem:
    require(request.user, "council.view_council")
    item = selectors.item_detail(item_id)
    if item is None:
        raise Http404
    return item


@router.get("/members", response={200: list[CouncilMemberOut], **READ_ERRORS},
            summary="Thành viên Hội đồng")
@paginate
def list_members(request):
    require(request.user, "council.view_council")
    return selectors.all_members()


@router.get("/rules", response={200: list[CouncilRuleOut], **READ_ERRORS},
            summary="Quy tắc biểu quyết (tỷ lệ dự họp, tỷ lệ thông qua)")
@paginate
def list_rules(request):
    require(request.user, "council.view_council")
    return [{"id": r.pk, "key": r.key, "name": r.name,
             "form_code": r.form.code if r.form else None,
             "title_code": r.title.code if r.title else None,
             "quorum": f"{r.quorum_numerator}/{r.quorum_denominator}",
             "threshold": f"{r.threshold_numerator}/{r.threshold_denominator}",
             "basis": r.basis, "strict": r.strict, "secret": r.secret,
             "to_confirm": r.to_confirm, "valid_from": r.valid_from, "valid_to": r.valid_to}
            for r in selectors.rules_list()]


@router.get("/meetings", response={200: list[CouncilMeetingOut], **READ_ERRORS},
            summary="Phiên họp")
@paginate
def list_meetings(request):
    require(request.user, "council.view_council")
    return selectors.meetings()


@router.get("/meetings/{int:meeting_id}", response={200: CouncilMeetingDetail, **READ_ERRORS},
            summary="Một phiên họp với các nội dung xét")
def get_meeting(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    meeting.present = [a.member_id for a in meeting.attendance.all() if a.present]
    items = list(meeting.items.all())
    for item in items:
        item.meeting = meeting
    meeting.items_out = [_item_out(i, request.user) for i in items]
    return {**{k: getattr(meeting, k) for k in ("id", "title", "held_on", "place", "state",
                                                 "chair_id", "secretary_id", "version")},
            "present": meeting.present, "items": meeting.items_out}


@router.get("/items/{int:item_id}", response={200: CouncilItemOut, **READ_ERRORS},
            summary="Một nội dung xét")
def get_item(request, item_id: int):
    return _item_out(_item(request, item_id), request.user)


@router.get("/items/{int:item_id}/result", response={200: CouncilResultOut, **READ_ERRORS},
            summary="Kết quả biểu quyết (sau khi thư ký kết thúc bỏ phiếu)")
def get_result(request, item_id: int):
    item = _item(request, item_id)
    require(request.user, "council.view_results", item)
    return item.result


class CouncilBallotIn(Schema):
    model_config = ConfigDict(extra="forbid")
    choice: VoteChoice = Field(description="approve (đồng ý), reject (không đồng ý), abstain "
                                           "(không biểu quyết)")


@router.post("/items/{int:item_id}/ballot", auth=write, response={200: CouncilItemOut, **ERRORS},
             summary="Bỏ phiếu của chính mình")
def cast_ballot(request, item_id: int, payload: CouncilBallotIn):
    item = _item(request, item_id)
    require(request.user, "council.cast_ballot", item)
    services.cast_ballot(item=item, choice=payload.choice, acting_user=request.user)
    return _item_out(selectors.item_detail(item_id), request.user)


@router.post("/items/{int:item_id}/open", auth=write, response={200: CouncilItemOut, **ERRORS},
             summary="Mở bỏ phiếu (thư ký phiên họp)")
def open_vote(request, item_id: int):
    item = _item(request, item_id)
    require(request.user, "council.run_vote", item.meeting)
    services.open_vote(item=item, acting_user=request.user)
    return _item_out(selectors.item_detail(item_id), request.user)


@router.post("/items/{int:item_id}/close", auth=write, response={200: CouncilItemOut, **ERRORS},
             summary="Kết thúc bỏ phiếu và công bố kết quả (thư ký phiên họp)")
def close_vote(request, item_id: int):
    item = _item(request, item_id)
    require(request.user, "council.run_vote", item.meeting)
    services.close_vote(item=item, acting_user=request.user)
    return _item_out(selectors.item_detail(item_id), request.user)

