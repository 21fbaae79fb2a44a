from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Hội đồng Thi đua - Khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels

        labels.register_verbs({
            "end_member": _("kết thúc hiệu lực thành viên Hội đồng"),
            "set_agenda": _("lập chương trình phiên họp"),
            "attendance": _("điểm danh"),
            "declare_conflict": _("khai báo xung đột lợi ích"),
            "open_vote": _("mở bỏ phiếu"),
            "cast_ballot": _("bỏ phiếu"),
            "close_vote": _("kết thúc bỏ phiếu"),
            "close_meeting": _("kết thúc phiên họp"),
        })
        labels.register_keys({"present": _("có mặt"), "agenda": _("nội dung xét")})
