from django import template

from sunlit.cases.models import State
from sunlit.cases.selectors import actor_label, colour_label, step_label, subject_label
from sunlit.identity import identity_numbers_masked

register = template.Library()


@register.filter
def step_name(value: str) -> str:
    """The translated name of a case step (take, verify …)."""
    return step_label(value)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def masked(value) -> str:
    """Text with any identity or bank number in it masked (a relief approval's subject is
    "<ID number>/<relief type>"): first six, four stars, last two."""
    return identity_numbers_masked(value)


@register.filter
def state_name(value: str) -> str:
    """The translated name of a case state (an unknown value as it is)."""
    return str(State(value).label) if value in State.values else value


@register.filter
def subject_name(value: str) -> str:
    """The translated name of a subject type (labour_payment → 务工报酬)."""
    return subject_label(value)


@register.filter
def colour_name(value: str) -> str:
    """The translated name of a case's colour (red, yellow, blue)."""
    return colour_label(value)


@register.filter
def actor_name(value: str) -> str:
    """Who took a step: the account's name, or 系统 / 反映人 for the platform and the reporter."""
    return actor_label(value)
