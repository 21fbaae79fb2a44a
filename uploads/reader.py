"""A checked upload → its blocks of cell texts, whichever of the two kinds it is."""

from uploads.blocks import Block
from uploads.safety import CheckedFile


def file_blocks(checked: CheckedFile) -> list[Block]:
    """The blocks of a file ``safety.check_upload`` accepted. A damaged file may still raise
    whatever its parser raises; callers turn that into a message for the user."""
    if checked.kind == "docx":
        from uploads.parse_docx import docx_blocks

        return docx_blocks(checked.data)
    from uploads.parse_xlsx import xlsx_blocks

    return xlsx_blocks(checked.data)
