from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import mark_active

        user_logged_in.connect(mark_active, dispatch_uid="accounts.mark_active")
