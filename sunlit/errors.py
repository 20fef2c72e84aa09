"""The one domain error type. Services raise these; ``sunlit.web.middleware`` (pages) and
``sunlit.api`` (the HTTP API) turn them into HTTP responses in one place each."""

import re
from dataclasses import dataclass

from django.utils.translation import get_language


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


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def in_language(message, language: str | None = None) -> str:
    """A message written "中文 / English" (as services write their errors) in one language only: the
    English half when the language (by default the active one) is English, else the Chinese half.

    The split is the first " / " after the message's last Chinese character: the English half
    never contains Chinese, while the Chinese half may itself hold a " / " (a value quoted in it).
    A message without a Chinese half followed by " / " is returned unchanged. API responses and
    logs keep the whole bilingual text; this is for pages only."""
    text = str(message)
    chinese = [m.end() for m in _CJK.finditer(text)]
    if not chinese:
        return text
    cut = text.find(" / ", chinese[-1])
    if cut < 0:
        return text
    zh, en = text[:cut].strip(), text[cut + 3:].strip()
    if not zh or not en:
        return text
    if language is None:
        language = get_language() or ""
    return en if language.startswith("en") else zh
