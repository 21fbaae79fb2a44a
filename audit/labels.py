"""How a history names what changed: verbs and keys that are not model fields.

A field's label is its ``verbose_name`` and a choice's its display, both read from the changed
model. What the model cannot say — a verb such as a transition's name, or a key of a batch's
summary (``added``, ``by_kind``) — the owning app registers here from its ``AppConfig.ready()``
(audit imports no app above it).
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

_VERBS: dict[str, str] = {}
_KEYS: dict[str, str] = {
    "added": _("số mục thêm"),
    "changed": _("số mục sửa"),
    "removed": _("số mục xóa"),
    "unchanged": _("số mục giữ nguyên"),
    "rows": _("số dòng"),
    "file": _("tệp"),
}
_KEY_VALUES: dict[str, Mapping[str, str]] = {}


def register_verbs(verbs: Mapping[str, str]) -> None:
    """``{verb: label}``: e.g. a lifecycle's transition names and their button texts."""
    _VERBS.update(verbs)


def register_keys(keys: Mapping[str, str], values: Mapping[str, Mapping[str, str]] | None = None
                  ) -> None:
    """``{key: label}`` for keys that are not fields; ``values``: ``{key: {code: label}}``
    for the codes inside such a value (the keys of a count by kind)."""
    _KEYS.update(keys)
    _KEY_VALUES.update(values or {})


def verb_label(verb: str) -> str:
    return str(_VERBS.get(verb, verb))


def key_label(key: str) -> str | None:
    label = _KEYS.get(key)
    return str(label) if label is not None else None


def key_values(key: str) -> Mapping[str, str]:
    return _KEY_VALUES.get(key, {})
