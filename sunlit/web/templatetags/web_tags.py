from django import template

from sunlit.errors import in_language as _in_language

register = template.Library()


@register.filter
def in_language(message) -> str:
    """A message written "中文 / English" in the reader's language only (``sunlit.errors.in_language``)."""
    return _in_language(message)
