"""The cockpit pages: one region of the reader's subtree with its breadcrumb (never above the
reader's scope), its figures as ECharts charts and as tables, its subordinate regions to drill
down into, and the same numbers as an XLSX workbook (one sheet per table)."""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sunlit.audit.services import audit_record
from sunlit.errors import NotFound
from sunlit.tabular import as_text_cells

from . import selectors
from .reuse import reused
from .tables import DOMAINS, domain_label, figure_tables, label_maps

# The tables drawn as charts too (the others are shown as tables only).
CHARTED = ("alerts_colour", "alerts_domain", "alerts_model", "alerts_month", "cases_month", "cases_state", "people",
           "money_month", "precision", "children", "campaigns", "satisfaction")


def _context(user, region):
    figures = selectors.cockpit_figures(user=user, region=region)
    below = region.level != "village"
    children = selectors.cockpit_children(user=user, region=region) if below else []
    townships = selectors.cockpit_ranking(user=user, region=region, level="township")
    villages = selectors.cockpit_ranking(user=user, region=region, level="village") if below else []
    high_frequency = selectors.cockpit_high_frequency(user=user, region=region)
    extra = selectors.cockpit_extra_panels(user=user, region=region)
    tables = figure_tables(figures=figures, children=children, villages=villages, townships=townships,
                           high_frequency=high_frequency, extra=extra)
    # nothing below a village; no township below a township
    hidden = {"village": {"children", "rank_villages", "rank_townships"}, "township": {"rank_townships"}}
    tables = [t for t in tables if t.slug not in hidden.get(region.level, set())]
    return {"figures": figures, "children": children, "townships": townships, "villages": villages,
            "high_frequency": high_frequency, "tables": tables,
            "extra": extra, "waiting": [name for name, value in extra.items() if value is None]}


# Tables whose rows link to a region's cockpit: (column holding the name, column holding the code).
LINKED = {"children": (1, 0), "rank_villages": (2, 1), "rank_townships": (2, 1)}


def _rows_html(table) -> str:
    """The table's body rows as HTML, built here rather than by template loops (a province's page
    has a thousand cells): values shown as the template would show them (localized, escaped, None
    as —), names linked to their region's cockpit where LINKED says so."""
    name_at, code_at = LINKED.get(table.slug, (None, None))
    base = reverse("cockpit:home")
    rows = []
    for row in table.rows:
        cells = []
        for i, v in enumerate(row):
            if i == name_at:
                cells.append(format_html('<td><a href="{}{}/">{}</a></td>', base, row[code_at], localize(v)))
            else:
                cells.append("<td>—</td>" if v is None else format_html("<td>{}</td>", localize(v)))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped by format_html above


def _body(user, region) -> str:
    """The page's content: everything but the site's frame (navigation, language switch, sign-out
    form), which is drawn per request around it."""
    context = _context(user, region)
    for table in context["tables"]:
        table.rows_html = _rows_html(table)
    labels = label_maps()
    chart_data = {
        "figures": context["figures"], "children": context["children"], "extra": context["extra"],
        "labels": {"state": {k: str(v) for k, v in labels["state"].items()},
                   "measure": {k: str(v) for k, v in labels["measure"].items()},
                   "colour": {"red": _("Red"), "yellow": _("Yellow"), "blue": _("Blue")},
                   "domain": {d: domain_label(d) for d in DOMAINS},
                   "opened": _("Opened"), "closed": _("Closed"), "alerts": _("Alerts"), "wan": _("10,000 yuan"),
                   "precision": _("Precision (%)"), "risk": _("Risk score"), "progress": _("Progress (%)"),
                   "satisfaction": {"satisfied": _("Satisfied"), "basically": _("Basically satisfied"),
                                    "unsatisfied": _("Not satisfied")}},
    }
    return render_to_string("cockpit/region_body.html", {
        "region": region, "crumbs": selectors.cockpit_breadcrumb(user=user, region=region),
        "chart_data": chart_data, "today": timezone.localdate(), "charted": CHARTED, **context})


def _page(request, region):
    """The region's page. The reader may see the region (checked by the caller on every request);
    its body is then reused for SUNLIT_COCKPIT_CACHE_SECONDS (see reuse.py)."""
    body = reused("page", user=request.user, region=region, compute=lambda: _body(request.user, region))
    return render(request, "cockpit/region.html", {"region": region, "body": mark_safe(body)})  # noqa: S308 - our own render


@login_required
def home(request):
    return _page(request, selectors.cockpit_root(user=request.user))


@login_required
def region(request, code):
    return _page(request, selectors.cockpit_region(user=request.user, code=code))


@login_required
def export(request, code):
    region = selectors.cockpit_region(user=request.user, code=code)
    tables = _context(request.user, region)["tables"]
    if request.GET.get("table"):        # one chart's numbers only
        tables = [t for t in tables if t.slug == request.GET["table"]]
        if not tables:
            raise NotFound("没有这个图表 / no such chart")
    book = Workbook()       # a few small sheets; ordinary (not write-only) so text cells can be kept as text
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        sheet.append([f"{region.name} ({region.code})", timezone.localdate().isoformat()])
        sheet.append(table.header)
        for row in table.rows:
            sheet.append(row)
        as_text_cells(sheet)    # a title typed as =HYPERLINK(…) stays text, as in every other export
    out = io.BytesIO()
    book.save(out)
    audit_record(kind="export", actor=request.user, request=request, object_type="cockpit", object_id=region.code,
                 detail={"format": "xlsx", "sheets": len(tables)})
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    part = f"-{tables[0].slug}" if request.GET.get("table") else ""
    response["Content-Disposition"] = (f'attachment; filename="cockpit-{region.code}{part}-'
                                       f'{timezone.localtime():%Y%m%d}.xlsx"')
    return response
