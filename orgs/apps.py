from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Cơ quan, đơn vị")

    def ready(self) -> None:
        from audit import labels
        from orgs import search_documents

        search_documents.register()
        labels.register_verbs({
            "link_successor": _("liên kết đơn vị kế thừa"),
            "unlink_successor": _("bỏ liên kết đơn vị kế thừa"),
            "load_reference_units": _("nạp danh mục đơn vị"),
        })
        labels.register_keys({
            "blocks_created": _("số khối thi đua tạo"), "units_created": _("số đơn vị tạo"),
            "units_updated": _("số đơn vị sửa"), "successions_created": _("số liên kết tạo"),
            "successions_updated": _("số liên kết sửa"),
        })
