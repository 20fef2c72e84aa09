import secrets
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sunlit.accounts.roles import can
from sunlit.accounts.scope import require
from sunlit.errors import InvalidInput

from . import services
from .catalogue import lake_status
from .specs import REGISTRIES
from .validation import format_of


@login_required
def catalogue(request):
    """The lake catalogue: every dataset, its versions, freshness, rows and the models reading it."""
    require(request.user, "lake.view")
    status = lake_status(services.lake_open())
    return render(request, "registries/catalogue.html", {
        "status": status,
        "no_readers": not status["readers"],
        "can_load": can(request.user.role, "registries.load"),
    })


def _save_upload(upload) -> "tuple":
    folder = settings.UPLOAD_DIR / "registries"
    folder.mkdir(parents=True, exist_ok=True)
    fmt = format_of(upload.name)
    path = folder / f"{secrets.token_hex(8)}.{fmt}"
    with open(path, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return path


@login_required
def load_page(request):
    """A data steward's upload page: one registry file, checked as a whole, published or refused."""
    require(request.user, "registries.load")
    context = {"tables": list(REGISTRIES.values()), "today": date.today().isoformat()}
    if request.method == "POST":
        table = request.POST.get("table", "")
        context["chosen"] = table
        upload = request.FILES.get("file")
        path = None
        try:
            if upload is None:
                raise InvalidInput("请选择要上传的文件 / choose a file to upload")
            valid_from = None
            if request.POST.get("valid_from"):
                try:
                    valid_from = date.fromisoformat(request.POST["valid_from"])
                except ValueError:
                    raise InvalidInput("生效日期必须是 YYYY-MM-DD / the valid-from date must be YYYY-MM-DD") from None
            path = _save_upload(upload)
            context["version"] = services.registry_load(table=table, path=path, source_name=upload.name,
                                                        actor=request.user, valid_from=valid_from, request=request)
        except InvalidInput as exc:
            context["error"] = exc
            context["failures"] = getattr(exc, "failures", [])
        finally:
            if path is not None:
                path.unlink(missing_ok=True)
    return render(request, "registries/load.html", context, status=422 if "error" in context else 200)
