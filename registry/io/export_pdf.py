"""The Biểu đăng ký as PDF: the HTML template ``registry/io/form_pdf.html`` through WeasyPrint.

Fonts are local only ("Times New Roman", else Debian's metric-compatible "Liberation Serif"
from fonts-liberation2 or "Tinos" from fonts-croscore, which both cover Vietnamese); WeasyPrint
is given a fetcher that refuses every URL, so rendering never touches the network.
"""

from django.template.loader import render_to_string

from registry.io import columns as c
from registry.io.document import FormDocument, column_widths_cm


def render_html(doc: FormDocument) -> str:
    sections = [
        {
            "title": section.title,
            "columns": section.columns,
            "rows": section.rows,
            "number_at": section.column_with(c.NUMBER),
            "widths": [f"{w:.2f}" for w in column_widths_cm(section, 100.0)],
        }
        for section in doc.sections
    ]
    return render_to_string("registry/io/form_pdf.html", {"doc": doc, "sections": sections})


def render_pdf(doc: FormDocument) -> bytes:
    return html_to_pdf(render_html(doc))


def html_to_pdf(html: str) -> bytes:
    """Any official document's HTML as PDF, offline (also used by ``decisions.pdf``)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    offline = URLFetcher(allowed_protocols=frozenset())
    return HTML(string=html, url_fetcher=offline).write_pdf()
