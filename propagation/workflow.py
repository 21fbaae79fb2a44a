"""The introduction's status, declared once: from "sent" the channel publishes (or broadcasts)
it or declines it; a declined introduction may be sent again; a published one may be
corrected back to "sent" (the channel withdrew it)."""

from django.utils.translation import gettext_lazy as _

from propagation.models import IntroductionStatus as S

# (source, target) → the step's label; its verb in the change log is VERBS[(source, target)]
STATUS_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SENT, S.PUBLISHED): _("Ghi nhận đã đăng, phát"),
    (S.SENT, S.DECLINED): _("Ghi nhận không sử dụng"),
    (S.DECLINED, S.SENT): _("Gửi lại"),
    (S.PUBLISHED, S.SENT): _("Đưa về trạng thái đã gửi"),
}
VERBS: dict[tuple[str, str], str] = {
    (S.SENT, S.PUBLISHED): "introduction_published",
    (S.SENT, S.DECLINED): "introduction_declined",
    (S.DECLINED, S.SENT): "introduction_resent",
    (S.PUBLISHED, S.SENT): "introduction_unpublished",
}


def allowed_targets(status: str) -> list[str]:
    return [target for (source, target) in STATUS_TRANSITIONS if source == status]
