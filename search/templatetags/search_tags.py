from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: str, spans) -> SafeString:
    """``text`` escaped, with each (start, end) span wrapped in <mark>."""
    text = str(text or "")
    out: list[str] = []
    position = 0
    for start, end in sorted(spans or ()):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        out.append(conditional_escape(text[position:start]))
        out.append(f"<mark>{conditional_escape(text[start:end])}</mark>")
        position = end
    out.append(conditional_escape(text[position:]))
    # Safe: every piece of user text above went through conditional_escape.
    return mark_safe("".join(out))
