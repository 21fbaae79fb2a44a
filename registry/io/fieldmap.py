"""The text of the "Điển hình thuộc lĩnh vực" cell → one selectable field of the pack.

What the exports and the drop-down write ("k) Cải cách hành chính", also "k. CCHC") is read by
its key, so the system's own files always round-trip; anything else is whatever
``guidance.fields.match_field`` recognises by label and synonym in folded form ("Y tế" → e,
"CCHC" → k; "Nông nghiệp" → d1 or d2, so ambiguous). Results are cached per text: a 5,000-row
file repeats a few dozen values.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.text import clean
from guidance.fields import match_field
from guidance.pack import Pack

# Matched on the cleaned (not folded) text: folding would turn "đ)" into "d)".
_KEY_PREFIX = re.compile(r"^([a-zđ]\d?)\s*[\).:]\s*(.*)$|^([a-zđ]\d?)$", re.IGNORECASE)


@dataclass(frozen=True)
class FieldMatch:
    key: str | None
    message: str = ""


class FieldResolver:
    def __init__(self, pack: Pack):
        self.pack = pack
        self._cache: dict[str, FieldMatch] = {}

    def resolve(self, text: str) -> FieldMatch:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._resolve(clean(text))
        return found

    def _example(self) -> str:
        from registry.io.document import field_choice

        fields = self.pack.selectable_fields()
        return field_choice(self.pack, fields[-1].key) if fields else ""

    def _example_key(self) -> str:
        fields = self.pack.selectable_fields()
        return fields[-1].key if fields else ""

    def _choices(self, keys: list[str]) -> str:
        from registry.io.document import field_choice

        return "; ".join(f"“{field_choice(self.pack, key)}”" for key in keys)

    @staticmethod
    def _keys(keys: list[str]) -> str:
        """"“d1” hoặc “d2”" — the exact texts to write (a Word file has nothing to choose)."""
        quoted = [f"“{key}”" for key in keys]
        if len(quoted) == 1:
            return quoted[0]
        return _("%(first)s hoặc %(last)s") % {"first": ", ".join(quoted[:-1]),
                                                "last": quoted[-1]}

    def _resolve(self, text: str) -> FieldMatch:
        if not text:
            return FieldMatch(None, _(
                "Chưa ghi lĩnh vực. Hãy ghi ký hiệu một lĩnh vực của Hướng dẫn, ví dụ "
                "“%(key)s” hoặc “%(example)s” (danh mục ở cuối mẫu biểu)."
            ) % {"key": self._example_key(), "example": self._example()})
        prefix = _KEY_PREFIX.match(text)
        if prefix:
            key = (prefix.group(1) or prefix.group(3)).lower()
            rest = prefix.group(2) or ""
            found = self.pack.field(key)
            if found is not None and found.selectable:
                others = match_field(self.pack, rest) if rest else []
                if not others or key in others:
                    return FieldMatch(key)
                return self._ambiguous(text, [key, *others])
        keys = match_field(self.pack, text)
        if len(keys) == 1:
            return FieldMatch(keys[0])
        if not keys:
            return FieldMatch(None, _(
                "Không nhận ra lĩnh vực “%(text)s”. Hãy ghi ký hiệu một lĩnh vực trong danh mục "
                "của Hướng dẫn (ở cuối mẫu biểu), ví dụ “%(key)s” hoặc “%(example)s”."
            ) % {"text": text, "key": self._example_key(), "example": self._example()})
        return self._ambiguous(text, keys)

    def _ambiguous(self, text: str, keys: list[str]) -> FieldMatch:
        return FieldMatch(None, _(
            "“%(text)s” ứng với nhiều lĩnh vực: %(choices)s. Hãy ghi đúng một ký hiệu: %(keys)s."
        ) % {"text": text, "choices": self._choices(keys), "keys": self._keys(keys)})

