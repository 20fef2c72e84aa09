"""The one domain error type. Services raise these; ``sunlit.web.middleware`` (pages) and
``sunlit.api`` (the HTTP API) turn them into HTTP responses in one place each."""

from dataclasses import dataclass


class SunlitError(Exception):
    """Base of every error a service raises on purpose. ``message`` is safe to show a user: it never
    contains an ID number or other personal data."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(SunlitError):
    status = 404


class AccessDenied(SunlitError):
    status = 403


@dataclass(frozen=True)
class RowError:
    """One problem in one cell of an uploaded table. ``row`` counts data rows from 1 as a
    spreadsheet user sees them (the header is row 1, so the first data row is row 2)."""

    row: int
    column: str
    value: str
    message: str


class InvalidInput(SunlitError):
    """Input refused; nothing was written. ``errors`` lists every problem found, not just the first."""

    status = 422

    def __init__(self, message: str, errors: list[RowError] | None = None):
        super().__init__(message)
        self.errors = errors or []
