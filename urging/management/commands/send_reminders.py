"""`manage.py send_reminders --campaign CODE [--reason REASON] [--dry-run] [--json]`."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core.errors import DomainError
from guidance.models import Campaign
from urging import reasons
from urging.services import Result, send_reminders


class Command(BaseCommand):
    help = "Gửi nhắc nhở (đôn đốc) các đơn vị của một đợt theo lý do."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Mã đợt thi đua")
        parser.add_argument("--reason", help="Lý do: " + ", ".join(reasons.KNOWN_REASONS))
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument("--user", help="Tên đăng nhập người gửi (mặc định: Thường trực)")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def handle(self, *args, campaign, reason, dry_run, user, **options):
        found = Campaign.objects.select_related("pack").filter(code=campaign).first()
        if found is None:
            self._fail(_("Không có đợt thi đua mã “%(code)s”.") % {"code": campaign})
        if reason and not reasons.is_known(reason):
            self._fail(_("Lý do nhắc không có: “%(reason)s”. Các lý do: %(all)s.")
                       % {"reason": reason, "all": ", ".join(reasons.KNOWN_REASONS)})
        actor = self._actor(user)
        total = Result()
        for code in [reason] if reason else list(reasons.KNOWN_REASONS):
            try:
                result = send_reminders(campaign=found, reason=code, acting_user=actor,
                                        dry_run=dry_run)
            except DomainError as error:
                self._fail(error.message)
            total.sent += result.sent
            total.skipped += result.skipped
        if options["json"]:
            self.stdout.write(json.dumps(total.as_json(), ensure_ascii=False))
            return
        verb = _("Sẽ nhắc") if dry_run else _("Đã nhắc")
        for item in total.sent:
            self.stdout.write(f"{verb}: {item.unit.code} {item.unit.name} — "
                              f"{reasons.label(item.reason)} ({', '.join(item.channels)})")
        for item in total.skipped:
            who = f"{item.unit.code} {item.unit.name}" if item.unit else "—"
            self.stdout.write(_("Bỏ qua: %(who)s — %(reason)s: %(why)s")
                              % {"who": who, "reason": reasons.label(item.reason), "why": item.why})
        self.stdout.write(_("Tổng: %(sent)d gửi, %(skipped)d bỏ qua.")
                          % {"sent": len(total.sent), "skipped": len(total.skipped)})

    def _actor(self, username):
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                self._fail(_("Không có người dùng “%(name)s”.") % {"name": username})
            return actor
        actor = (User.objects.filter(is_active=True, memberships__role=Role.STANDING_OFFICE,
                                     memberships__is_active=True).order_by("pk").first()
                 or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first())
        if actor is None:
            self._fail(_("Chưa có tài khoản Thường trực Hội đồng hay quản trị để đứng tên gửi."))
        return actor
