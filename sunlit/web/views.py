from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from sunlit import __version__
from sunlit.regions.selectors import region_counts_by_level


def healthz(request):
    """Liveness and database reachability, for load balancers and monitoring. No data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("select 1")
        db = "ok"
    except Exception:
        db = "unavailable"
    status = 200 if db == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "degraded", "database": db,
                         "version": __version__}, status=status)


@login_required
def home(request):
    return render(request, "web/home.html", {
        "counts": region_counts_by_level(user=request.user),
    })
