"""A media kit's letter as PDF: ``templates/propagation/kit_pdf.html`` through WeasyPrint,
offline like ``registry.io.export_pdf.html_to_pdf`` (local fonts only, every URL refused)
except for ``data:`` URIs, which is how the photos are embedded: nothing is fetched."""

import base64

from django.template.loader import render_to_string

from propagation.document import build
from propagation.models import MediaKit


def _data_uri(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return "data:image/jpeg;base64," + base64.b64encode(handle.read()).decode("ascii")
    except OSError:
        return ""


def render_kit_html(kit: MediaKit) -> str:
    doc = build(kit)
    for section in doc.sections:
        section.photo_uris = [(p.name, _data_uri(p.path)) for p in section.photos]
    return render_to_string("propagation/kit_pdf.html", {"doc": doc})


def render_kit_pdf(kit: MediaKit) -> bytes:
    """``html_to_pdf`` with the embedded photos: the only protocol allowed is ``data:``."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    inline_only = URLFetcher(allowed_protocols=frozenset({"data"}))
    return HTML(string=render_kit_html(kit), url_fetcher=inline_only).write_pdf()
