"""Public village pages: no sign-in, masked by rule (sunlit.public.masking), light (no scripts).
Plus the clerk's page for publishing the village's three-affairs disclosures (signed in, scoped)."""

import functools

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_safe

from sunlit.accounts.roles import can
from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.errors import InvalidInput
from sunlit.regions.models import Region
from sunlit.tabular import write_xlsx

from . import posters, selectors
from .models import Category, Disclosure
from .services import PUBLISH_ACTION, disclosure_publish

REPORT_URL = "/r/new/?village={code}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
def village(request, village_code):
    """The village's page: basics, cadres, disclosures, and each public ledger (DESIGN.md §5)."""
    place = selectors.public_village(code=village_code)
    today = timezone.localdate()
    return render(request, "public/village.html", {
        "village": place,
        "basics": selectors.village_basics(village=place),
        "cadres": selectors.village_cadres(village=place, today=today),
        "disclosures": selectors.village_disclosures(village=place),
        "labour_months": selectors.labour_months(village=place)[:6],
        "projects": selectors.village_projects(village=place),
        "leases": selectors.village_leases(village=place, today=today),
        "purchases": selectors.village_purchases(village=place),
        "relief": selectors.village_relief_notices(village=place, today=today),
        "relief_days": selectors.relief_notice_days(),
        "report_url": REPORT_URL.format(code=place.code),
        "page_url": posters.village_url(place.code),
    })


@require_safe
def village_labour(request, village_code):
    """Labour, day by day: which task, who (masked name), how many days, how much (DESIGN.md §5)."""
    place = selectors.public_village(code=village_code)
    months, month = selectors.labour_month_chosen(village=place, requested=request.GET.get("month", ""))
    days = selectors.labour_days(village=place, month=month) if month else []
    return render(request, "public/labour.html", {"village": place, "months": months, "month": month,
                                                  "days": days})


@require_safe
def village_labour_export(request, village_code):
    """The month's labour detail as a workbook: the same masked rows as the page."""
    place = selectors.public_village(code=village_code)
    _months, month = selectors.labour_month_chosen(village=place, requested=request.GET.get("month", ""))
    rows = selectors.labour_export_rows(village=place, month=month) if month else []
    header = [pgettext("public labour", "Date"), pgettext("public labour", "Task"), pgettext("person", "Name"),
              pgettext("public labour", "Days"), pgettext("public labour", "Pay (yuan)")]
    body = write_xlsx(header, ([d.isoformat(), task, name, float(days), float(amount)]
                               for d, task, name, days, amount in rows), title=month or "labour")
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="labour-{place.code}-{month or "none"}.xlsx"'
    return response


@require_safe
def village_qr(request, village_code, fmt):
    """The QR code of the village page's absolute address, as SVG or PNG."""
    place = selectors.public_village(code=village_code)
    url = posters.village_url(place.code)
    if fmt == "svg":
        response = HttpResponse(posters.qr_svg(url), content_type="image/svg+xml")
    elif fmt == "png":
        response = HttpResponse(posters.qr_png(url), content_type="image/png")
    else:
        raise Http404("no such format")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@functools.lru_cache(maxsize=128)
def _poster(code: str, name: str, township: str, fmt: str, base_url: str) -> bytes:
    return posters.poster_bytes(village_name=name, township=township, code=code, fmt=fmt)


@require_safe
def village_poster(request, village_code, fmt):
    """The printable A4 poster (PNG or PDF). Public: it shows only the village's name, its QR code
    and address — what is on the wall anyway; drawn once per village and kept in memory."""
    if fmt not in ("png", "pdf"):
        raise Http404("no such format")
    place = selectors.public_village(code=village_code)
    basics = selectors.village_basics(village=place)
    body = _poster(place.code, place.name, basics.township, fmt,
                   str(getattr(settings, "SUNLIT_PUBLIC_BASE_URL", posters.DEFAULT_BASE_URL)))
    response = HttpResponse(body, content_type="application/pdf" if fmt == "pdf" else "image/png")
    response["Content-Disposition"] = f'inline; filename="poster-{place.code}.{fmt}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


# ---- the clerk's page ----------------------------------------------------------------------------

class DisclosureForm(forms.Form):
    category = forms.ChoiceField(label=pgettext_lazy("disclosure", "Category"), choices=Category.choices)
    period = forms.CharField(label=pgettext_lazy("disclosure", "Period"), max_length=7,
                             help_text=gettext_lazy("Finances: YYYY-MM (monthly); party and village affairs: "
                                                    "YYYYQn, e.g. 2026Q3 (quarterly)."))
    title = forms.CharField(label=pgettext_lazy("disclosure", "Title"), max_length=200)
    content = forms.CharField(label=pgettext_lazy("disclosure", "Content"), widget=forms.Textarea(attrs={"rows": 8}),
                              max_length=20_000)


@login_required
def disclosure_publish_page(request, village_code):
    """Phone-friendly: the village's disclosures so far and, for a clerk, the form to publish one."""
    require(request.user, "ledger.view")
    place = get_in_scope(Region.objects.filter(level="village"), user=request.user, code=village_code)
    may_publish = can(request.user.role, PUBLISH_ACTION)
    form = DisclosureForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require(request.user, PUBLISH_ACTION)
        if form.is_valid():
            try:
                disclosure_publish(actor=request.user, village_code=place.code, request=request,
                                   **form.cleaned_data)
            except InvalidInput as error:
                for e in error.errors:
                    form.add_error(e.column if e.column in form.fields else None, e.message)
            else:
                messages.success(request, _("Disclosure published."))
                return redirect("public:disclosure_publish", village_code=place.code)
        status = 422
    rows = scoped(Disclosure.objects.filter(village_code=place.code), user=request.user)[:100]
    return render(request, "public/disclosure_publish.html", {
        "village": place, "form": form, "may_publish": may_publish, "disclosures": rows}, status=status)
