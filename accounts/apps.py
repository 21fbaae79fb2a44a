from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import mark_active

        user_logged_in.connect(mark_active, dispatch_uid="accounts.mark_active")

        from audit import labels

        labels.register_verbs({
            "mfa_start": _("bắt đầu đăng ký xác thực hai lớp"),
            "mfa_enrol": _("đăng ký xác thực hai lớp"),
            "mfa_recovery_codes": _("tạo lại mã khôi phục"),
            "mfa_disable": _("tắt xác thực hai lớp"),
            "mfa_reset": _("đặt lại xác thực hai lớp"),
            "mfa_locked": _("tạm khóa bước xác thực hai lớp"),
        })
        labels.register_keys({"second_factor": _("xác thực hai lớp"),
                              "recovery_codes": _("số mã khôi phục")})
