"""The publication's workflow, declared like the registration's (``registry.workflow``): the
standing office prepares and submits; another standing-office user approves (published at
once) or returns it with a reason; unpublishing is immediate, with a reason, and final (a new
publication is prepared to show the exemplar again)."""

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core.errors import DomainError
from publication.models import PublicationState as P
from registry.effects import Effect, Move
from registry.enums import ExemplarState
from registry.workflow import Transition


def _stamp_submitted(pub, move: Move) -> Iterable[str]:
    pub.submitted_at = move.now
    pub.return_reason = ""
    return ("submitted_at", "return_reason")


def _four_eyes_and_publish(pub, move: Move) -> Iterable[str]:
    if pub.prepared_by_id == move.acting_user.pk:
        raise DomainError(_("Người chuẩn bị không được tự duyệt: cần một người khác của cơ quan "
                            "thường trực duyệt (nguyên tắc bốn mắt)."))
    check_publishable(pub)
    pub.approved_by = move.acting_user
    pub.published_at = move.now
    return ("approved_by", "published_at")


def _keep_return_reason(pub, move: Move) -> Iterable[str]:
    pub.return_reason = move.reason
    return ("return_reason",)


def _stamp_unpublished(pub, move: Move) -> Iterable[str]:
    pub.unpublished_at = move.now
    pub.unpublished_by = move.acting_user
    pub.unpublish_reason = move.reason
    return ("unpublished_at", "unpublished_by", "unpublish_reason")


def check_publishable(pub) -> None:
    """Only a recognised exemplar, and a person or household only with recorded consent."""
    from registry.enums import PERSON_KINDS

    if pub.exemplar.state != ExemplarState.RECOGNISED:
        raise DomainError(_("Chỉ công khai điển hình đã được công nhận."))
    if pub.kind in PERSON_KINDS and not (pub.consent_recorded and pub.consent_given_by
                                         and pub.consent_on and pub.consent_method):
        raise DomainError(_("Cá nhân, hộ gia đình chỉ được công khai khi đã ghi nhận sự đồng ý "
                            "(người đồng ý, ngày, hình thức)."), field="consent_recorded")
    if not pub.story.strip():
        raise DomainError(_("Hãy viết câu chuyện điển hình cho công chúng."), field="story")
    check_story(pub.story, pub.exemplar)


PHONE_LIKE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")


def check_story(story: str, exemplar) -> None:
    """The story is free text written by staff: it must not carry the residential address or a
    phone number (the allow-list cannot see inside a text)."""
    from core.text import fold

    address = fold(exemplar.address)
    if address and address in fold(story):
        raise DomainError(_("Câu chuyện không được ghi địa chỉ nơi cư trú; hãy ghi tên đơn vị, "
                            "địa bàn."), field="story")
    if PHONE_LIKE.search(story):
        raise DomainError(_("Câu chuyện không được ghi số điện thoại."), field="story")


def _check(pub, move: Move) -> Iterable[str]:
    check_publishable(pub)
    return ()


CHECK = Effect("check_publishable", _check)
STAMP_SUBMITTED = Effect("stamp_publication_submitted", _stamp_submitted)
PUBLISH = Effect("publish_four_eyes", _four_eyes_and_publish)
KEEP_RETURN_REASON = Effect("keep_publication_return_reason", _keep_return_reason)
STAMP_UNPUBLISHED = Effect("stamp_unpublished", _stamp_unpublished)


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {t.name: t for t in transitions}


PUBLICATION_TRANSITIONS: dict[str, Transition] = _table(
    Transition("submit_publication", _l("Trình duyệt công khai"),
               frozenset({P.DRAFT}), P.AWAITING_APPROVAL, "publication.submit_publication",
               effects=(CHECK, STAMP_SUBMITTED)),
    Transition("approve_publication", _l("Duyệt và công khai"),
               frozenset({P.AWAITING_APPROVAL}), P.PUBLISHED, "publication.approve_publication",
               effects=(PUBLISH,)),
    Transition("return_publication", _l("Trả lại để sửa"),
               frozenset({P.AWAITING_APPROVAL}), P.DRAFT, "publication.approve_publication",
               needs_reason=True, effects=(KEEP_RETURN_REASON,)),
    Transition("unpublish", _l("Gỡ khỏi trang công khai ngay"),
               frozenset({P.PUBLISHED}), P.UNPUBLISHED, "publication.unpublish_publication",
               needs_reason=True, effects=(STAMP_UNPUBLISHED,)),
)


def available(state: str) -> list[Transition]:
    return [t for t in PUBLICATION_TRANSITIONS.values() if state in t.sources]
