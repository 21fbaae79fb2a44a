"""The introduction's status, declared once: from "sent" the channel publishes (or broadcasts)
it or declines it; a declined introduction may be sent again; a published one may be
corrected back to "sent" (the channel withdrew it)."""

from django.utils.translation import gettext_lazy as _

from propagation.models import IntroductionStatus as S

# (source, target) → the label of the step
STATUS_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SENT, S.PUBLISHED): _("Ghi nhận đã đăng, phát"),
    (S.SENT, S.DECLINED): _("Ghi nhận không sử dụng"),
    (S.DECLINED, S.SENT): _("Gửi lại"),
    (S.PUBLISHED, S.SENT): _("Đưa về trạng thái đã gửi"),
}


def allowed_targets(status: str) -> list[str]:
    return [target for (source, target) in STATUS_TRANSITIONS if source == status]
