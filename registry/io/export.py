"""One dispatch for every exporter, used by the download views and the export command."""

from registry.io.document import FormDocument

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BLANK_FORMATS = ("docx", "xlsx")


def render_document(doc: FormDocument, fmt: str) -> bytes:
    if fmt == "docx":
        from registry.io.export_docx import render_docx

        return render_docx(doc)
    if fmt == "xlsx":
        from registry.io.export_xlsx import render_xlsx

        return render_xlsx(doc)
    if fmt == "pdf":
        from registry.io.export_pdf import render_pdf

        return render_pdf(doc)
    raise ValueError(fmt)


def document_response(doc: FormDocument, fmt: str):
    """The rendered document as a download (the web's and the API's)."""
    from django.http import HttpResponse

    response = HttpResponse(render_document(doc, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{doc.file_stem}.{fmt}"'
    return response
