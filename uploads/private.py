"""Stored files (evidence proofs, signed forms) kept private: random names, outside any folder a
web server serves, handed out only by a view that checked the permission first.

* ``storage()`` — the storage of every private file: ``PRIVATE_FILES_DIR`` (default
  ``VAR_DIR/private``, never under MEDIA_ROOT or STATIC_ROOT), no base URL (``url()`` raises,
  so no template can link past the view), folders 0700 and files 0600.
* ``random_name(folder, extension)`` — ``folder/<32 hex>.<ext>``: the stored name says nothing
  about the file; the original name stays in the database for display and the download's
  ``Content-Disposition``.
* ``download(field_file, filename, content_type)`` — always an attachment. With
  ``PRIVATE_FILES_X_ACCEL_PREFIX`` set (e.g. ``/_private/``) the response is empty with an
  ``X-Accel-Redirect`` for nginx to send the bytes from an ``internal`` location
  (docs/operations.md); otherwise Django streams the file.
"""

import os
import shutil
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse

SAFE_EXTENSIONS = {".pdf", ".png", ".jpg"}


def files_dir() -> Path:
    configured = getattr(settings, "PRIVATE_FILES_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "private"


class PrivateStorage(FileSystemStorage):
    """Its folder is read from the settings at every use (tests point it at a tmp folder)."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(files_dir())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no URL; link to the download view")


def storage():
    """Resolved at use, so a test's ``settings.PRIVATE_FILES_DIR`` applies. With
    ``PRIVATE_STORAGE_S3`` set (``PRIVATE_STORAGE_URL``), django-storages' S3 backend with
    private objects: every web process and worker reads the same files."""
    options = getattr(settings, "PRIVATE_STORAGE_S3", None)
    if options:
        from storages.backends.s3 import S3Storage

        return S3Storage(**options)
    return PrivateStorage()


def on_shared_object_storage() -> bool:
    return bool(getattr(settings, "PRIVATE_STORAGE_S3", None))


def extension_of(name: str) -> str:
    """The safe extension for a stored name (``.jpeg`` → ``.jpg``); ``ValueError`` otherwise."""
    extension = Path(name or "").suffix.lower().replace(".jpeg", ".jpg")
    if extension not in SAFE_EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return extension


def proof_name(_instance, filename: str) -> str:
    """``upload_to`` of an evidence proof: ``evidence/<random>.<pdf|png|jpg>``."""
    return random_name("evidence", extension_of(filename))


def signed_form_name(_instance, _filename: str) -> str:
    """``upload_to`` of a signed form: ``signed-forms/<random>.pdf``."""
    return random_name("signed-forms", ".pdf")


def report_name(_instance, filename: str) -> str:
    """``upload_to`` of a generated review report: ``reports/<random>.<docx|xlsx>``."""
    extension = Path(filename or "").suffix.lower()
    if extension not in (".docx", ".xlsx"):
        raise ValueError(f"unexpected extension {extension!r}")
    return f"reports/{uuid.uuid4().hex}{extension}"


def published_list_name(_instance, filename: str) -> str:
    """``upload_to`` of a published list kept as proof: ``published-lists/<random>.<xlsx|docx>``
    (the upload door checked the file's real kind before)."""
    extension = Path(filename or "").suffix.lower()
    if extension not in (".docx", ".xlsx"):
        raise ValueError(f"unexpected extension {extension!r}")
    return f"published-lists/{uuid.uuid4().hex}{extension}"


def random_name(folder: str, extension: str) -> str:
    extension = extension.lower()
    if extension not in SAFE_EXTENSIONS:
        raise ValueError(f"unexpected extension {extension!r}")
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def download(field_file, *, filename: str, content_type: str) -> HttpResponse:
    prefix = getattr(settings, "PRIVATE_FILES_X_ACCEL_PREFIX", "")
    if prefix and not on_shared_object_storage():  # nginx serves only the shared folder
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        response["Content-Disposition"] = (
            f"attachment; filename*=utf-8''{quote(filename)}")
        return response
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename,
                        content_type=content_type)


def adopt(name: str, folder: str) -> str:
    """The private name for a file stored before private storage: a file found under
    MEDIA_ROOT is moved into the private folder under a random name (its extension kept when
    safe, else ``fallback``); a name already private, or a missing file, is returned as is."""
    if not name or on_shared_object_storage() or (files_dir() / name).is_file():
        return name
    source = Path(settings.MEDIA_ROOT) / name
    if not source.is_file():
        return name
    try:
        extension = extension_of(name)
    except ValueError:
        extension = ".pdf" if source.read_bytes()[:5] == b"%PDF-" else ".jpg"
    new = random_name(folder, extension)
    target = files_dir() / new
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.move(source, target)
    target.chmod(0o600)
    return new
