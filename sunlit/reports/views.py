"""Public pages of 监督一点通 (no sign-in): the report form, the tracking look-up and the tracking
page with the rating and the one reopening; and for officers, a report's photos (scope-checked,
never a public URL) and the public reply posted from the case page. Every public route is rate
limited per client (``limits``) and answers 429 with a page that says when to try again."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from sunlit.attachments.responses import attachment_response
from sunlit.cases.services import CaseConflict
from sunlit.errors import InvalidInput
from sunlit.public.masking import public_text
from sunlit.regions.models import Region

from . import codes, limits, selectors, services
from .models import Category, Kind, Satisfaction


def _limited(request, retry_after: int):
    response = render(request, "reports/limited.html", {"minutes": max(1, (retry_after + 59) // 60)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _village(code: str):
    return Region.objects.filter(code=code, level="village").select_related("parent").first() if code else None


def _form_context(values: dict, village, errors=None, message=""):
    return {"values": values, "village": village, "categories": Category.choices, "kinds": Kind.choices,
            "errors": errors or [], "message": message, "text_max": services.text_max(),
            "photo_max_count": services.photo_max_count(),
            "photo_max_mb": max(1, services.photo_max_bytes() // (1024 * 1024))}


@sensitive_post_parameters("name", "phone", "text")
def new(request):
    """The suggestion and complaint form (reached from the village page's link ``?village=<code>``)."""
    if request.method != "POST":
        code = request.GET.get("village", "")[:12]
        values = {"village": code, "kind": Kind.COMPLAINT, "category": request.GET.get("category", "")}
        return render(request, "reports/new.html", _form_context(values, _village(code)))
    retry = limits.hit("submit", request)
    if retry is not None:
        return _limited(request, retry)
    post = request.POST
    values = {k: post.get(k, "") for k in ("village", "kind", "category", "text", "name", "phone")}
    uploads = request.FILES.getlist("photos")
    try:
        report = services.report_submit(category=values["category"], kind=values["kind"],
                                        village_code=values["village"], text=values["text"],
                                        reporter_name=values["name"], reporter_phone=values["phone"],
                                        uploads=uploads, request=request)
    except InvalidInput as exc:
        return render(request, "reports/new.html",
                      _form_context(values, _village(values["village"][:12]), exc.errors, exc.message), status=422)
    messages.success(request, _("Your report was received. Keep the tracking code: it is the only way to "
                                "follow your report."))
    return redirect("reports:track_code", code=codes.grouped(report.tracking_code))


def track(request):
    """The look-up form; a code typed in goes to its tracking page."""
    code = re.sub(r"[^0-9A-Z]", "", codes.normalise(request.GET.get("code", "")))[:32]
    if code:
        return redirect("reports:track_code", code=codes.grouped(code) if codes.is_well_formed(code) else code)
    return render(request, "reports/track.html", {})


def _not_found(request):
    # One answer for a wrong code and an unknown one: same status, same page.
    return render(request, "reports/track.html", {"not_found": True}, status=404)


def _private(view):
    """A tracking page is reached by a secret in its address: no shared cache keeps it, no search
    engine lists it, and it tells no other site where the reader came from."""
    @never_cache
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        # same-origin, not no-referrer: with no-referrer a browser posts the rating form with
        # "Origin: null", which the CSRF check refuses
        response["Referrer-Policy"] = "same-origin"
        return response
    wrapped.__doc__, wrapped.__name__ = view.__doc__, view.__name__
    return wrapped


@_private
def track_code(request, code):
    """The tracking page: every public step, the result and the replies; after closure the rating
    and, if not satisfied, the one reopening (POST ``action=rate|reopen``)."""
    retry = limits.hit("track", request)
    if retry is not None:
        return _limited(request, retry)
    report = selectors.report_by_code(code=code)
    if report is None:
        return _not_found(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "rate":
                services.report_rate(report=report, value=request.POST.get("value", ""), request=request)
                messages.success(request, _("Thank you: your rating was recorded."))
            elif request.POST.get("action") == "reopen":
                services.report_reopen(report=report, reason=request.POST.get("reason", ""), request=request)
                messages.success(request, _("Your report was reopened and sent back to the unit that handles it."))
            else:
                raise InvalidInput(_("Unknown action."))
        except (InvalidInput, CaseConflict) as exc:     # e.g. the same reopening sent twice at once
            messages.error(request, exc.message)
        return redirect("reports:track_code", code=codes.grouped(report.tracking_code))
    case = report.case
    round_now = case.reopen_count
    rated = {r.round: r for r in report.ratings.all()}
    return render(request, "reports/tracking.html", {
        "report": report, "case": case, "code": codes.grouped(report.tracking_code),
        "steps": selectors.report_public_steps(report=report), "text": public_text(report.text),
        "replies": [{"at": r.at, "text": public_text(r.text)} for r in report.replies.all()],
        "ratings": list(rated.values()), "may_rate": case.state == "closed" and round_now not in rated,
        "may_reopen": services.report_can_reopen(report), "satisfaction": Satisfaction.choices,
        "photo_count": report.photos.count(),
    })


@login_required
def photo(request, photo_id):
    """A report's photo, for a signed-in user whose scope holds the report's village."""
    found = selectors.report_photo(user=request.user, photo_id=photo_id)
    return attachment_response(found.attachment, inline=True)


@login_required
@require_POST
def reply(request, case_id):
    """The handling unit's (or a supervisor's) reply to the reporter, from the case page."""
    try:
        services.report_reply(case_id=case_id, actor=request.user, text=request.POST.get("text", ""), request=request)
    except InvalidInput as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The reply was published on the tracking page."))
    return redirect(reverse("cases:detail", args=[case_id]) + "#report")
