"""Production: DEBUG off, HTTPS only, secrets required from the environment.
``sunlit check --deploy --settings sunlit.settings.production`` passes with no warnings."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False

SECRET_KEY = os.environ.get("SUNLIT_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SUNLIT_SECRET_KEY must be set to a random string of at least 50 characters in production "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
SUNLIT_AUDIT_KEY = os.environ.get("SUNLIT_AUDIT_KEY", SECRET_KEY)

SECURE_SSL_REDIRECT = os.environ.get("SUNLIT_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
