from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import two_factor_step

_EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")


class TwoFactorRequiredMiddleware:
    """A signed-in user who has a TOTP device, or an inspector when the administrator requires it,
    reaches nothing but the two-factor pages until the second factor is given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(_EXEMPT_PREFIXES):
            step = two_factor_step(user)
            if step is not None:
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "two-factor sign-in required"}, status=403)
                return redirect(reverse(f"accounts:two_factor_{step}") + f"?next={request.path}")
        return self.get_response(request)
