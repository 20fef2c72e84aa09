"""Settings shared by every deployment. Everything that differs between machines comes from the
environment (documented in the README): DATABASE_URL, SUNLIT_DATA_DIR, SUNLIT_SECRET_KEY,
SUNLIT_ALLOWED_HOSTS, SUNLIT_DEBUG."""

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SUNLIT_DATA_DIR", "var")).resolve()
LAKE_DIR = DATA_DIR / "lake"
UPLOAD_DIR = DATA_DIR / "uploads"
# Attachments (evidence photos, scans, documents) live here, outside the web root; only an owner
# app's view serves them, after its permission check (sunlit.attachments).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("SUNLIT_PRIVATE_MEDIA_ROOT", DATA_DIR / "private")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("SUNLIT_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SUNLIT_SECRET_KEY", "insecure-development-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = [h for h in os.environ.get("SUNLIT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SUNLIT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "sunlit.jobs",
    "sunlit.regions",
    "sunlit.accounts",
    "sunlit.audit",
    "sunlit.supervision",
    "sunlit.attachments",
    "sunlit.cases",
    "sunlit.cockpit",
    "sunlit.closedloop",
    "sunlit.web",
    "sunlit.demo",
    "sunlit.registries",
    "sunlit.ledger",
    "sunlit.cadres",
    "sunlit.projects",
    "sunlit.assets",
    "sunlit.labour",
    "sunlit.procurement",
    "sunlit.relief",
    "sunlit.seals",
    "sunlit.entry",
    "sunlit.public",
    "sunlit.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sunlit.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sunlit.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sunlit.web.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sunlit.urls"
WSGI_APPLICATION = "sunlit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sunlit.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'sunlit.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,    # a connection kept between requests is checked before reuse
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login lockout (django-axes): five failures lock the username from that address for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("SUNLIT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

OTP_TOTP_ISSUER = "Sunlit"

# Background work: django-tasks with the database backend, run by `sunlit db_worker`; `sunlit schedule`
# enqueues the daily jobs below (local time).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SUNLIT_SCHEDULE = {
    "models_run": (os.environ.get("SUNLIT_MODELS_RUN_AT", "02:30"), "sunlit.jobs.tasks.models_run_task"),
    "cases_sweep": (os.environ.get("SUNLIT_CASES_SWEEP_AT", "06:00"), "sunlit.cases.tasks.cases_sweep_task"),
    "disclosures_check": (os.environ.get("SUNLIT_DISCLOSURES_CHECK_AT", "07:00"),
                          "sunlit.public.tasks.disclosures_check_task"),
}

# The models' DuckDB: at most this much memory for joins and aggregates, spilling beyond it to a
# folder under the data directory (DuckDB alone would take up to 80 % of the machine).
SUNLIT_MODELS_MEMORY_LIMIT = os.environ.get("SUNLIT_MODELS_MEMORY_LIMIT", "6GB")
SUNLIT_MODELS_SPILL_DIR = DATA_DIR / "tmp" / "models"
# Public village pages (docs/public.md): the address the QR codes and posters point at; how long a
# relief notice stays on display; when each three-affairs disclosure is due (cadence and days of
# grace after the period ends).
SUNLIT_PUBLIC_BASE_URL = os.environ.get("SUNLIT_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
SUNLIT_RELIEF_NOTICE_DAYS = int(os.environ.get("SUNLIT_RELIEF_NOTICE_DAYS", "30"))
SUNLIT_DISCLOSURE_DEADLINES = {
    "finance": {"every": "month", "grace_days": 10},
    "party": {"every": "quarter", "grace_days": 15},
    "village": {"every": "quarter", "grace_days": 15},
}

# Working days a unit has to handle a case, per alert colour ("report" for citizen reports); a
# DeadlineRule row (admin) overrides these. Counted on the Chinese statutory holiday calendar.
SUNLIT_CASE_DEADLINES = {"red": 5, "yellow": 10, "blue": 15, "report": 10}

# Citizen reports (sunlit.reports): requests per client IP address per window of seconds on the public
# form and the tracking page, counted in the default cache; the text and photo limits (a photo's size is
# SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES).
SUNLIT_REPORT_RATE_LIMITS = {"submit": (int(os.environ.get("SUNLIT_REPORT_SUBMITS_PER_HOUR", "5")), 3600),
                             "track": (int(os.environ.get("SUNLIT_REPORT_LOOKUPS_PER_10_MIN", "30")), 600)}
SUNLIT_REPORT_TEXT_MAX = 2000
SUNLIT_REPORT_PHOTO_MAX_COUNT = 3

# Largest attachment accepted (bytes), and the smaller limit for an image (before re-encoding).
SUNLIT_PRIVATE_MEDIA_ROOT = PRIVATE_MEDIA_ROOT
SUNLIT_ATTACHMENT_MAX_BYTES = int(os.environ.get("SUNLIT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES = int(os.environ.get("SUNLIT_ATTACHMENT_IMAGE_MAX_BYTES", 5 * 1024 * 1024))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Each app carries its own catalogue in <app>/locale/zh_Hans/LC_MESSAGES/django.po.
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end assets installed from npm by `make assets` (ECharts), copied here; git-ignored.
STATICFILES_DIRS = [PACKAGE_DIR.parent / "build" / "static"]
# The cockpit: a village has current data when its newest ledger record is at most this many days old.
SUNLIT_COCKPIT_CURRENT_DAYS = int(os.environ.get("SUNLIT_COCKPIT_CURRENT_DAYS", "90"))
# ... and reuses computed figures for this many seconds (0: every request reads the tallies afresh).
SUNLIT_COCKPIT_CACHE_SECONDS = int(os.environ.get("SUNLIT_COCKPIT_CACHE_SECONDS", "10"))
# Caches: Django's local-memory cache, one per server process, nothing to install. The cockpit's
# reused responses have their own (about 40 KB a page; at most 1,000 kept per process), so that they
# never push the default cache's entries (the citizen reports' rate limits) out.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "cockpit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cockpit",
                "OPTIONS": {"MAX_ENTRIES": 1000}},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(UPLOAD_DIR)}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"sunlit": {"level": os.environ.get("SUNLIT_LOG_LEVEL", "INFO")}},
}

# The key that seals the audit chain. Kept outside the database so that whoever can write to the
# database cannot recompute the chain after editing it.
SUNLIT_AUDIT_KEY = os.environ.get("SUNLIT_AUDIT_KEY", SECRET_KEY)
