"""python manage.py move_campaign_version CAMPAIGN VERSION [--reason TEXT] [--confirm]
[--user USERNAME]

Shows every verdict and quota status that moving the campaign to another version of its
guidance pack would change; with --confirm (and a reason) moves it, through the same service
as the web page. Acts as the system account unless --user names an account (who must be the
system administrator). Exit status 0 on success (or a preview), 2 when refused.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.system import system_actor
from core.errors import DomainError
from evaluation import pack_move
from evaluation.views import OUTCOME_LABELS
from guidance.models import Campaign, GuidancePack


class Command(BaseCommand):
    help = ("Xem trước và (với --confirm) chuyển một đợt thi đua sang phiên bản khác của bộ "
            "hướng dẫn. Không làm được khi đã có biểu đăng ký được tiếp nhận.")

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="Mã đợt thi đua (ví dụ 2533-2022-2025)")
        parser.add_argument("version", type=int, help="Số phiên bản muốn chuyển sang")
        parser.add_argument("--reason", default="", help="Lý do (bắt buộc khi --confirm)")
        parser.add_argument("--confirm", action="store_true",
                            help="Thực hiện chuyển; không có: chỉ xem trước")
        parser.add_argument("--user", default="", help="Tên đăng nhập của quản trị hệ thống")

    def handle(self, *args, campaign: str, version: int, reason: str, confirm: bool, user: str,
               **options):
        from accounts.models import User

        found = Campaign.objects.select_related("pack").filter(code=campaign).first()
        if found is None:
            raise CommandError(_("Không tìm thấy đợt thi đua “%(code)s”.") % {"code": campaign},
                               returncode=2)
        target = GuidancePack.objects.filter(code=found.pack.code, version=version).first()
        if target is None:
            raise CommandError(_("Chưa nạp phiên bản %(version)s của bộ hướng dẫn %(code)s.")
                               % {"version": version, "code": found.pack.code}, returncode=2)
        actor = User.objects.filter(username=user, is_active=True).first() if user else system_actor()
        if actor is None:
            raise CommandError(_("Không tìm thấy tài khoản “%(user)s”.") % {"user": user},
                               returncode=2)
        try:
            if confirm:
                preview = pack_move.move_campaign_to_version(
                    campaign=found, pack=target, reason=reason, acting_user=actor)
            else:
                preview = pack_move.preview_campaign_move(campaign=found, pack=target,
                                                          acting_user=actor)
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error
        self._print(preview)
        if confirm:
            self.stdout.write(_("Đã chuyển đợt %(code)s sang %(pack)s.")
                              % {"code": found.code, "pack": target})
        else:
            self.stdout.write(_("Chưa thay đổi gì; thêm --confirm --reason \"…\" để chuyển."))

    def _print(self, preview: pack_move.MovePreview) -> None:
        self.stdout.write(_("Đợt %(code)s: %(old)s → %(new)s") % {
            "code": preview.campaign.code, "old": preview.current, "new": preview.target})
        self.stdout.write(_("Kết quả xét tiêu chuẩn thay đổi: %(n)s/%(total)s điển hình") % {
            "n": len(preview.verdicts), "total": preview.exemplars})
        for change in preview.verdicts:
            criteria = "; ".join(f"{c.code}: {c.before or '—'} → {c.after or '—'}"
                                 for c in change.criteria)
            self.stdout.write(f"  - {change.exemplar.registration.unit.name} · "
                              f"{change.exemplar.name}: {OUTCOME_LABELS[change.before]} → "
                              f"{OUTCOME_LABELS[change.after]}" + (f" ({criteria})" if criteria else ""))
        self.stdout.write(_("Chỉ tiêu thay đổi: %(n)s/%(total)s biểu đăng ký") % {
            "n": len(preview.quotas), "total": preview.registrations})
        labels = {True: _("đạt"), False: _("chưa đạt"), None: _("không có chỉ tiêu")}
        for change in preview.quotas:
            self.stdout.write(f"  - {change.registration.unit.name}: {labels[change.before]} "
                              f"({change.before_rule or '—'}) → {labels[change.after]} "
                              f"({change.after_rule or '—'})")
