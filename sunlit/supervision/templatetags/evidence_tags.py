from django import template

from sunlit.supervision.evidence import evidence_rows

register = template.Library()


@register.filter
def evidence_labelled(alert) -> list:
    """An alert's evidence as ``(label, value)`` rows in the reader's language, in the evidence's order."""
    return evidence_rows(alert.evidence, alert.model_code)
