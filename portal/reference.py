"""The commendation and propagation reference data, in the order its parts need one another:
the catalogues of titles and forms (awards), the vote rules that name catalogue entries
(council), the authorities that issue decisions (decisions), the channels introductions go to
(propagation). Each loader is idempotent."""

from django.utils.translation import gettext as _


def _summary(counts: dict) -> str:
    return ", ".join(f"{key}: {value}" for key, value in counts.items()
                     if not isinstance(value, list | tuple))


def load_commendation_reference() -> list[str]:
    from accounts.system import system_actor
    from awards.services import load_catalogue
    from council.services import load_vote_rules
    from decisions.reference.load import load_authorities

    lines = [_("Danh mục khen thưởng — %(s)s") % {"s": _summary(
        load_catalogue(acting_user=system_actor()))}]
    rules = load_vote_rules()
    lines.append(_("Quy tắc biểu quyết — %(s)s") % {"s": _summary(rules)})
    lines += [f"  ! {warning}" for warning in rules.get("warnings", ())]
    lines.append(_("Cơ quan ban hành quyết định — %(s)s") % {"s": _summary(load_authorities())})
    from propagation.services import load_channels

    created, updated = load_channels()
    lines.append(_("Kênh tuyên truyền — created: %(c)s, updated: %(u)s") % {"c": created,
                                                                             "u": updated})
    return lines
