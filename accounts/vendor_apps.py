"""Vietnamese names for the third-party apps the administrator meets in the admin (the login
lock-out of django-axes, the task queue of django-tasks-db) and of django-otp's two device kinds
(their admin pages are not shown: accounts/admin.py). Their models' and fields' own words are
translated in ``locale_vendor/`` (the project's catalogs hold Vietnamese msgids only)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Khóa đăng nhập sai")


class TasksConfig(TasksAppConfig):
    verbose_name = _("Hàng đợi tác vụ (thư, thông báo)")


class TOTPConfig(TOTPAppConfig):
    verbose_name = _("Xác thực hai lớp — ứng dụng tạo mã")


class StaticConfig(StaticAppConfig):
    verbose_name = _("Xác thực hai lớp — mã khôi phục")
