"""Public village pages: no sign-in, masked by rule (sunlit.public.masking)."""

import re

from django.shortcuts import render

from . import selectors

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def village_labour(request, village_code):
    """Labour, day by day: which task, who (masked name), how many days, how much (DESIGN.md §5)."""
    village = selectors.public_village(code=village_code)
    months = selectors.labour_months(village=village)
    month = request.GET.get("month", "")
    if not _MONTH.match(month):
        month = months[0] if months else ""
    days = selectors.labour_days(village=village, month=month) if month else []
    return render(request, "public/labour.html", {"village": village, "months": months, "month": month,
                                                  "days": days})
