"""What an attachment becomes before it is stored: a photo is decoded, turned upright, resized
to at most ``MAX_SIDE`` pixels and re-encoded as a JPEG carrying **no** metadata (no EXIF, so no
GPS location, no camera, no time); a document is a PDF (by its bytes) or a Word/Excel file that
passes the shared upload checks (``uploads.safety.check_upload``). Anything else is refused with
a Vietnamese message before anything is stored."""

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from core.errors import DomainError
from core.text import clean

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_SIDE = 1600
MAX_PIXELS = 50_000_000  # a photo's decoded size; beyond it is a decompression bomb
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".xlsx"}
CONTENT_TYPES = {
    ".jpg": "image/jpeg", ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Prepared:
    kind: str            # AttachmentKind value
    original_name: str
    extension: str       # the stored file's: .jpg .pdf .docx .xlsx
    data: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def prepare(name: str, data: bytes) -> Prepared:
    """The file as it will be stored, or ``DomainError`` (field ``files``) saying why not."""
    original = clean(PurePath(name or "").name)[:255] or _("tệp")
    suffix = PurePath(original).suffix.lower()
    if not data:
        raise DomainError(_("Tệp “%(name)s” rỗng (0 byte).") % {"name": original}, field="files")
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(_("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": original}, field="files")
    if suffix in PHOTO_SUFFIXES:
        return Prepared("photo", original, ".jpg", _photo(original, data))
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise DomainError(_("Tệp “%(name)s” có đuôi .pdf nhưng không phải tệp PDF.")
                              % {"name": original}, field="files")
        return Prepared("document", original, ".pdf", data)
    if suffix in {".docx", ".xlsx"}:
        from uploads.safety import UnusableFile, check_upload

        try:
            checked = check_upload(original, data)
        except UnusableFile as error:
            raise DomainError(f"“{original}”: {error.message}", field="files") from error
        return Prepared("document", original, "." + checked.kind, checked.data)
    raise DomainError(
        _("Tệp “%(name)s” không được nhận: chỉ nhận ảnh (JPEG, PNG, WebP) và tài liệu PDF, "
          "Word (.docx), Excel (.xlsx).") % {"name": original}, field="files")


def _photo(name: str, data: bytes) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    not_a_photo = DomainError(_("Tệp “%(name)s” không phải là ảnh đọc được (JPEG, PNG, WebP).")
                              % {"name": name}, field="files")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in {"JPEG", "PNG", "WEBP", "MPO"}:
                raise not_a_photo
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise DomainError(_("Ảnh “%(name)s” quá lớn (trên 50 triệu điểm ảnh).")
                                  % {"name": name}, field="files")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "L"):
                background = Image.new("RGB", upright.size, (255, 255, 255))
                rgba = upright.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                upright = background
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            # A new image from the pixels alone: nothing of the original's metadata comes along.
            clean_image = Image.new(upright.mode, upright.size)
            clean_image.paste(upright)
            out = io.BytesIO()
            clean_image.save(out, format="JPEG", quality=85, optimize=True)
            return out.getvalue()
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombError) as error:
        raise not_a_photo from error
