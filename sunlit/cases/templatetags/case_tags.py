from django import template

from sunlit.cases.selectors import step_label

register = template.Library()


@register.filter
def step_name(value: str) -> str:
    """The translated name of a case step (take, verify …)."""
    return step_label(value)
