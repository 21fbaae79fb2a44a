"""Word, Excel and PDF for the Biểu đăng ký: export, blank templates and import.

Heavy libraries (python-docx, openpyxl, python-calamine, WeasyPrint) are imported inside the
functions that use them, so importing this package costs nothing for the web process.

* ``document`` — a registration (or a blank form) as plain data, shared by every exporter.
* ``export_docx`` / ``export_xlsx`` / ``export_pdf`` — that data as a file.
* ``safety`` — checks an upload before any parser sees it.
* ``parse_docx`` / ``parse_xlsx`` — a file as blocks of cell texts; ``rows`` turns blocks into
  a ``ParsedForm`` (entries and errors). ``reader.read_upload`` is the one entry point.
* ``staging`` — the uploaded file kept server-side between preview and confirmation.
"""
