"""A decision as PDF: ``templates/decisions/decision_pdf.html`` through WeasyPrint, with the
registry's offline rendering (``registry.io.export_pdf``: local fonts only, every URL refused)."""

from django.template.loader import render_to_string

from decisions.document import LIST_HEADERS, build
from decisions.models import Decision


def render_decision_html(decision: Decision) -> str:
    total = sum(width for _header, width in LIST_HEADERS)
    return render_to_string("decisions/decision_pdf.html", {
        "doc": build(decision),
        "headers": [(header, f"{100 * width / total:.1f}") for header, width in LIST_HEADERS]})


def render_decision_pdf(decision: Decision) -> bytes:
    from registry.io.export_pdf import html_to_pdf

    return html_to_pdf(render_decision_html(decision))
