from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sunlit import tabular
from sunlit.accounts.roles import can
from sunlit.accounts.scope import require
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput, RowError

from . import jobs, registry, selectors
from .services import WRITE_ACTION
from .spreadsheets import error_report_xlsx, template_xlsx
from .validation import mask_identity

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_EXPORT_ROWS = 1_048_575   # an XLSX sheet's rows, less the header


def _attachment(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def index(request):
    require(request.user, selectors.READ_ACTION)
    return render(request, "ledger/index.html", {
        "tables": list(registry.tables().values()),
        "can_write": can(request.user.role, WRITE_ACTION),
    })


@login_required
def template(request):
    """The XLSX import template of ``?table=``: Chinese headers, then the column keys."""
    spec = registry.table(request.GET.get("table", ""))
    return _attachment(template_xlsx(spec), f"{spec.name}-template.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    require(request.user, WRITE_ACTION)
    context = {"tables": list(registry.tables().values()), "chosen": request.GET.get("table", "")}
    if request.method == "POST":
        table = request.POST.get("table", "")
        context["chosen"] = table
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InvalidInput("请选择要上传的文件 / choose a file to upload")
            job = jobs.import_job_create(actor=request.user, table=table, upload=upload)
            return redirect("ledger:job", job_id=job.pk)
        except InvalidInput as exc:
            context["error"] = exc
            return render(request, "ledger/import.html", context, status=422)
    return render(request, "ledger/import.html", context)


@login_required
def job(request, job_id):
    job = selectors.import_job_get(user=request.user, job_id=job_id)
    return render(request, "ledger/job.html", {"job": job, "progress": jobs.progress_of(job),
                                               "errors": [RowError(**e) for e in job.errors[:500]]})


@login_required
def job_status(request, job_id):
    job = selectors.import_job_get(user=request.user, job_id=job_id)
    return JsonResponse({"id": job.pk, "status": job.status, "table": job.table, **jobs.progress_of(job),
                         "created": job.created, "updated": job.updated, "unchanged": job.unchanged,
                         "error_count": job.error_count, "message": job.message})


@login_required
def job_errors(request, job_id):
    """The error report of a refused file, as XLSX."""
    job = selectors.import_job_get(user=request.user, job_id=job_id)
    return _attachment(error_report_xlsx([RowError(**e) for e in job.errors], title=job.table),
                       f"{job.table}-errors-{job.pk}.xlsx")


def _shown(spec, row) -> list:
    """A row as the list page shows it: ID numbers masked."""
    return [mask_identity(v) if c.identity and v else ("" if v is None else v)
            for c, v in zip(spec.columns, row, strict=True)]


@login_required
def table_list(request, table):
    """One ledger table's rows in the user's scope, filtered by village and date range; with
    ``?format=xlsx`` the same rows as a spreadsheet (audited)."""
    spec = registry.table(table)
    village, start, end = (request.GET.get("village", ""), request.GET.get("date_from", ""),
                           request.GET.get("date_to", ""))
    rows = selectors.ledger_rows(table, user=request.user, village=village, date_from=start, date_to=end)
    if request.GET.get("format") == "xlsx":
        require(request.user, "ledger.export")
        count = rows.count()
        if count > MAX_EXPORT_ROWS:
            raise InvalidInput(f"共 {count} 条，超过一个工作表的上限 {MAX_EXPORT_ROWS} 条：请按村或日期筛选后再导出 / "
                               f"{count} rows is more than one sheet holds ({MAX_EXPORT_ROWS}): filter by village or date first")
        body = tabular.write_xlsx(spec.keys, selectors.export_rows(table, rows), title=table)
        audit_record(kind="export", actor=request.user, request=request, object_type=table,
                     detail={"format": "xlsx", "rows": count, "village": village, "date_from": start,
                             "date_to": end})
        return _attachment(body, f"{table}-{timezone.localtime().strftime('%Y%m%d')}.xlsx")
    page = Paginator(rows.values_list(*spec.keys), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "ledger/list.html", {
        "table": spec, "page": page, "rows": [_shown(spec, r) for r in page.object_list],
        "villages": selectors.villages_in_scope(user=request.user), "village": village,
        "date_from": start, "date_to": end, "query": query.urlencode(),
        "can_write": can(request.user.role, WRITE_ACTION),
    })
