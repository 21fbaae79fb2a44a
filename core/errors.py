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
