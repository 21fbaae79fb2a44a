"""Word, Excel and PDF for the Biểu đăng ký: export, blank templates and import.

Heavy libraries (python-docx, openpyxl, python-calamine, WeasyPrint) are imported inside the
functions that use them, so importing this package costs nothing for the web process.

* ``document`` — a registration (or a blank form) as plain data, shared by every exporter.
* ``export_docx`` / ``export_xlsx`` / ``export_pdf`` — that data as a file.
* ``rows`` turns the blocks of cell texts the ``uploads`` app reads from a file into a
  ``ParsedForm`` (entries and errors); ``reader.read_upload`` is the one entry point, through
  the upload door (``uploads.safety``, ``uploads.reader``). Between preview and confirmation
  the file waits in ``uploads.staging``.
"""
