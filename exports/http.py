"""Inline exports as responses that never hold the whole file in memory: a workbook written to
a temporary file and sent from it (``file_response``), CSV or JSON sent as it is produced
(``streamed``). The kinds' writers are the same ones the worker runs."""

import tempfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from django.http import FileResponse, StreamingHttpResponse


def file_response(write: Callable[[BinaryIO], object], *, filename: str, content_type: str
                  ) -> FileResponse:
    """``write(out)`` fills a temporary file (deleted when the response is closed), which is
    sent in blocks."""
    out = tempfile.TemporaryFile()
    try:
        write(out)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    return FileResponse(out, as_attachment=True, filename=filename, content_type=content_type)


def streamed(chunks: Iterable[bytes], *, filename: str, content_type: str
             ) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
