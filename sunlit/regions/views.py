from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sunlit import tabular
from sunlit.accounts.roles import can
from sunlit.accounts.scope import require
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput

from . import selectors, services


@login_required
def tree(request):
    """The region tree starts at the user's scope."""
    require(request.user, "regions.view")
    if request.user.scope_id:
        return redirect("regions:detail", code=request.user.scope_id)
    top = selectors.region_list(user=request.user, level="province").first()
    if top is None:
        return render(request, "regions/empty.html")
    return redirect("regions:detail", code=top.code)


@login_required
def detail(request, code):
    require(request.user, "regions.view")
    region = selectors.region_get(user=request.user, code=code)
    children = selectors.region_list(user=request.user, parent_code=region.code)
    return render(request, "regions/detail.html", {
        "region": region,
        "children": children,
        "breadcrumb": selectors.region_breadcrumb(user=request.user, region=region),
        "can_export": can(request.user.role, "regions.export"),
    })


@login_required
def export(request):
    require(request.user, "regions.export")
    fmt = request.GET.get("format", "xlsx")
    if fmt not in tabular.FORMATS:
        raise InvalidInput("format 只能是 csv 或 xlsx / format must be csv or xlsx")
    rows = list(selectors.region_export_rows(user=request.user))
    audit_record(kind="export", actor=request.user, request=request, object_type="region",
                 detail={"format": fmt, "rows": len(rows)})
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "csv":
        body, content_type = tabular.write_csv(services.COLUMNS, rows), "text/csv; charset=utf-8"
    else:
        body = tabular.write_xlsx(services.COLUMNS, rows, title="region")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="regions-{stamp}.{fmt}"'
    return response


@login_required
def import_page(request):
    require(request.user, "regions.import")
    context = {}
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InvalidInput("请选择要上传的文件 / choose a file to upload")
            header, rows = tabular.read_rows(upload.read(), fmt=tabular.format_of(upload.name))
            context["result"] = services.regions_import(rows=rows, header=header, actor=request.user,
                                                        source=upload.name)
        except InvalidInput as exc:
            context["error"] = exc
    return render(request, "regions/import.html", context, status=422 if "error" in context else 200)
