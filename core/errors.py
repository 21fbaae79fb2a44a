from django.core.exceptions import BadRequest


class DomainError(Exception):
    """A refused change, with a message fit to show the user (already translated)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleVersion(DomainError):
    """Somebody else saved the record since this user loaded it."""

    def __init__(self, message: str, *, changes: dict | None = None):
        super().__init__(message)
        self.changes = changes or {}


class NotAllowed(DomainError):
    pass


class MalformedInput(BadRequest):
    """A submitted value no page of the site can send — a number or a date that is not one
    (``version=abc``): the request is answered 400 with this message and nothing changes.
    Django turns ``BadRequest`` into its 400 handler (``core.views.bad_request``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
