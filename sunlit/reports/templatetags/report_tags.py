from django import template

from sunlit import errors
from sunlit.cases import rules as case_rules

from .. import selectors

register = template.Library()


@register.inclusion_tag("reports/case_report_panel.html", takes_context=True)
def report_panel(context, case):
    """The citizen report behind a case, for the case page: text, photos, contact, replies, ratings
    and the reply form (for the handling unit and its supervisors). Empty for an alert's case."""
    user = context["request"].user
    report = selectors.report_of_case(user=user, case=case) if getattr(case, "source_kind", "") == "report" else None
    may_reply = report is not None and (case_rules.may_handle(case, user) or case_rules.may_supervise(case, user))
    return {"report": report, "case": case, "may_reply": may_reply, "csrf_token": context.get("csrf_token")}


@register.filter
def in_language(message) -> str:
    """A service's message written "中文 / English", in the reader's language only: a villager on
    the Chinese page is not shown the English half (``sunlit.errors.in_language``)."""
    return errors.in_language(message)
