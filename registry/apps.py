from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Đăng ký điển hình")

    def ready(self) -> None:
        from audit import labels
        from registry import exports, search_documents
        from registry.enums import ExemplarKind
        from registry.workflow import EXEMPLAR_TRANSITIONS, TRANSITIONS

        search_documents.register()
        exports.register()  # the compiled list as a background export (exports.kinds)
        # How the change log names this app's verbs and summary keys in a history.
        labels.register_verbs({name: step.label for name, step in
                               [*TRANSITIONS.items(), *EXEMPLAR_TRANSITIONS.items()]})
        labels.register_verbs({"bulk_add": _("thêm nhiều mục"), "import": _("nhập từ tệp"),
                               "attach_signed_form": _("tải lên bản đã ký")})
        labels.register_keys({"by_kind": _("theo loại")},
                             values={"by_kind": dict(ExemplarKind.choices)})
