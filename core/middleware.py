from django.conf import settings
from django.utils import translation


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language (the footer's switch sets a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs
    run an English Windows: the province's staff would get a half-English interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NormalizeInputMiddleware:
    """Every submitted text reaches the code in NFC (Unicode composed form).

    Text typed with decomposed input methods or pasted from PDFs arrives as NFD; comparing or
    storing it unnormalised makes "Đặng" two different names. Forms additionally trim and
    collapse spaces (core.forms.CleanTextMixin); passwords are only composed, never trimmed.
    The body of a path in ``settings.RAW_BODY_PATHS`` (the REST API) is left unread: its own
    parser reads it (reading ``request.POST`` here would consume the stream it needs).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import unicodedata

        from django.conf import settings

        own_parser = request.path.startswith(tuple(getattr(settings, "RAW_BODY_PATHS", ())))
        for name in ("GET",) if own_parser else ("GET", "POST"):
            data = getattr(request, name)
            if not data or all(unicodedata.is_normalized("NFC", v) for v in _values(data)):
                continue
            normalized = data.copy()
            for key in list(normalized.keys()):
                normalized.setlist(
                    key, [unicodedata.normalize("NFC", v) for v in normalized.getlist(key)]
                )
            normalized._mutable = False
            setattr(request, name, normalized)
        return self.get_response(request)


def _values(data):
    for key in data:
        yield from data.getlist(key)
