"""The propagation section of an exemplar's page (``registry.exemplar_panels``): where it was
introduced, with the status, and — for who may — the link to record a new introduction."""

from django.utils.translation import gettext_lazy as _


def exemplar_panel(exemplar, user) -> dict | None:
    from propagation.selectors import introductions_of

    if not user.has_perm("propagation.view_exemplar_introductions", exemplar):
        return None
    can_record = user.has_perm("propagation.record_introduction", exemplar)
    introductions = introductions_of(exemplar)
    if not introductions and not can_record:
        return None
    return {"title": _("Tuyên truyền, giới thiệu"), "template": "propagation/_exemplar_panel.html",
            "context": {"exemplar": exemplar, "introductions": introductions,
                        "can_record": can_record,
                        "can_kit": user.has_perm("propagation.make_media_kit")}}
