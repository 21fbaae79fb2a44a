"""Test files: a JPEG with GPS EXIF, a hostile file."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile


def jpeg_with_gps(width=3200, height=2400) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, height), (30, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Máy chụp thử"  # Make
    gps = {1: "N", 2: (22.0, 23.0, 45.0), 3: "E", 4: (103.0, 27.0, 30.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def photo(name="anh-ruong.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_gps(**kwargs), content_type="image/jpeg")


def hostile() -> SimpleUploadedFile:
    """An HTML page with a script, named as a photo."""
    return SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>",
                              content_type="image/jpeg")
