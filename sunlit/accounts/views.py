from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from sunlit.audit.services import audit_record

from . import two_factor
from .forms import SignInForm, TokenForm


def _next_url(request, default="web:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"],
                            password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            return redirect(_next_url(request))
        form.add_error(None, _("The username or password is wrong."))
    return render(request, "accounts/sign_in.html", {"form": form, "next": request.GET.get("next", "")})


def admin_sign_in(request, extra_context=None):
    """The admin site's login, sent to the one sign-in page."""
    return redirect_to_login(request.GET.get("next", "/admin/"), login_url=reverse("accounts:login"))


@require_POST
def sign_out(request):
    logout(request)
    return redirect("accounts:login")


@login_required
def two_factor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit_record(kind="two_factor_verified", actor=request.user, request=request)
            return redirect(_next_url(request))
        audit_record(kind="two_factor_failed", actor=request.user, request=request)
        form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
def two_factor_setup(request):
    if two_factor.has_confirmed_device(request.user):
        messages.info(request, _("Two-factor sign-in is already set up."))
        return redirect("web:home")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(kind="two_factor_enrolled", actor=request.user, request=request)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_next_url(request))
        form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr": two_factor.qr_svg(device), "base32_key": two_factor.base32_key(device),
    })
