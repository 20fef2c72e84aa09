"""Optional TOTP two-factor sign-in (django-otp), required for inspectors when the security policy
says so."""

import base64

import segno
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import SecurityPolicy
from .roles import Role


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def two_factor_step(user) -> str | None:
    """'verify' when the user must give a code now, 'setup' when they must enrol first, else None."""
    if user.is_verified():
        return None
    if has_confirmed_device(user):
        return "verify"
    if user.role == Role.INSPECTOR and SecurityPolicy.current().inspector_totp_required:
        return "setup"
    return None


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (a new one if there is none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def base32_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps expect it typed in by hand."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")
