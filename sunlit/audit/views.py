from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import audit_event_list
from .services import audit_verify


@login_required
def events(request):
    rows = audit_event_list(user=request.user, kind=request.GET.get("kind") or None)
    return render(request, "audit/events.html", {"events": rows, "verdict": audit_verify()})
