"""The one door for uploaded files, and the one spreadsheet writer. Imports no other project app.

Heavy libraries (python-docx, openpyxl, python-calamine) are imported inside the functions that
use them, so importing this package costs nothing for the web process.

* ``safety`` — checks an upload (.docx/.xlsx) before any parser sees it: hard caps on the real
  bytes, zip bombs, XML entities, macros, rows and columns.
* ``parse_docx`` / ``parse_xlsx`` — a checked file as ``blocks.Block`` s of cell texts;
  ``reader.file_blocks`` picks the one for the file's kind. What the cells mean is the importing
  app's business (``registry.io.rows`` for the Biểu đăng ký, ``evaluation.services`` for ratings).
* ``staging`` — an uploaded file kept server-side under a token between preview and
  confirmation, for one user and one target; never in the session.
* ``tables`` — the one writer of every spreadsheet, CSV and table the system hands out:
  ``put`` writes a cell (typed text never becomes a formula), ``xlsx_bytes``, ``csv_bytes``,
  ``docx_bytes``.
"""
