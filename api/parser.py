"""Every text in a JSON body reaches the services in NFC, like the web forms' input
(``core.middleware.NormalizeInputMiddleware`` does query strings and form posts)."""

import json
import unicodedata

from django.utils.translation import gettext as _
from ninja.parser import Parser

from core.errors import MalformedInput


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


class NFCParser(Parser):
    def parse_body(self, request):
        if not request.body:
            return {}
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise MalformedInput(_("Nội dung gửi lên không phải JSON hợp lệ.")) from error
        return _nfc(data)
