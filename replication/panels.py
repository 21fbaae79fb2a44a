"""The replication section of an exemplar's page (``registry.exemplar_panels``): where the
exemplar has spread — the adopting units, since when, the scale — and, for who may record one,
the link to add an adoption."""

from django.utils.translation import gettext_lazy as _


def exemplar_panel(exemplar, user) -> dict | None:
    from replication.scale import described
    from replication.selectors import spread_of

    if not user.has_perm("replication.view_exemplar_spread", exemplar):
        return None
    rows = [{"adoption": a, "scale": described(a.scale)} for a in spread_of(exemplar)]
    can_add = user.has_perm("replication.add_adoption", exemplar)
    if not rows and not can_add:
        return None
    return {"title": _("Nhân rộng"), "template": "replication/_exemplar_panel.html",
            "context": {"rows": rows, "exemplar": exemplar, "can_add": can_add,
                        "active": sum(1 for r in rows if r["adoption"].is_active)}}
