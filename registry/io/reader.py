"""The one entry point of the importer: an uploaded file → a ``ParsedForm``; never raises."""

import logging

from django.utils.translation import gettext as _

from guidance.pack import Pack
from registry.io.rows import ParsedForm, read_blocks
from uploads.reader import file_blocks
from uploads.safety import UnusableFile, check_upload

logger = logging.getLogger(__name__)


def read_upload(name: str, data: bytes, pack: Pack) -> ParsedForm:
    """Check, parse and validate a filled Biểu đăng ký (.docx or .xlsx).

    An unusable file gives a ``ParsedForm`` with ``unusable`` set and one error saying why; a
    readable one gives its entries and the row errors (field not recognised, name missing…).
    """
    try:
        checked = check_upload(name, data)
    except UnusableFile as refusal:
        return ParsedForm.failed(refusal.message)
    try:
        return read_blocks(file_blocks(checked), pack)
    except Exception:  # a damaged file must become a message for the user, never a 500
        logger.warning("could not read uploaded form %r", name, exc_info=True)
        return ParsedForm.failed(
            _("Tệp bị hỏng hoặc không đúng định dạng nên không đọc được. Hãy mở tệp bằng Word "
              "hoặc Excel, lưu lại rồi tải lên lần nữa.")
        )
