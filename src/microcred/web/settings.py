"""Django settings for Microcred, read from the environment.

| variable | meaning | default |
|---|---|---|
| ``MICROCRED_DEBUG`` | development mode (tracebacks, a key kept in ``var/``) | off |
| ``MICROCRED_SECRET_KEY`` | the signing key; required unless in development mode | — |
| ``MICROCRED_ALLOWED_HOSTS`` | comma-separated host names this site answers to | localhost |
| ``MICROCRED_CSRF_TRUSTED_ORIGINS`` | comma-separated origins, e.g. ``https://mc.example`` | none |
| ``MICROCRED_HTTPS`` | behind HTTPS: secure cookies, redirect to HTTPS, HSTS | off |
| ``MICROCRED_DATABASE`` | ``sqlite`` or ``postgres`` (then ``PGHOST``, ``PGDATABASE``…) | sqlite |
| ``MICROCRED_BATCH_RUNS`` | task runs that share one bulk batch (one per worker) | 2 |
| ``MICROCRED_VAR_DIR`` | where the SQLite file, the dev key and static files live | ``./var`` |
| ``MICROCRED_PUBLIC_URL`` | public origin credentials name (needed in production) | localhost |
| ``MICROCRED_DID_WEB_HOST`` | host (``%3A``port) of the organisations' ``did:web`` | its host |

A missing key outside development does not fail here (so importing settings, e.g. for
tests or ``manage.py help``, always works); the ``microcred.web.E001`` check refuses to
start instead, from ``manage.py`` and from the WSGI/ASGI entry points alike.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from microcred.web import env

_ENV = os.environ
BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(_ENV.get("MICROCRED_VAR_DIR", "var")).resolve()

DEBUG = env.env_bool(_ENV, "MICROCRED_DEBUG", default=False)
_KEY = env.secret_key(_ENV, debug=DEBUG, var_dir=VAR_DIR)
SECRET_KEY = _KEY.value
MICROCRED_SECRET_KEY_SOURCE = _KEY.source

# The deployment's public identity: every credential names these, so they are checked at
# start-up (microcred.web.E003) and the site answers to them without further settings.
_IDENTITY = env.public_identity(_ENV)
MICROCRED_PUBLIC_URL = _IDENTITY.url
MICROCRED_DID_WEB_HOST = _IDENTITY.did_web_host
MICROCRED_PUBLIC_URL_GIVEN = _IDENTITY.given

ALLOWED_HOSTS = env.env_list(
    _ENV, "MICROCRED_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
ALLOWED_HOSTS += [h for h in (_IDENTITY.host, _IDENTITY.did_host_name) if h not in ALLOWED_HOSTS]
CSRF_TRUSTED_ORIGINS = env.env_list(_ENV, "MICROCRED_CSRF_TRUSTED_ORIGINS", default=[])
if _IDENTITY.url.startswith("https://") and _IDENTITY.url not in CSRF_TRUSTED_ORIGINS:
    CSRF_TRUSTED_ORIGINS.append(_IDENTITY.url)

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "microcred.web.apps.WebConfig",
    "microcred.accounts.apps.AccountsConfig",
    "microcred.organizations.apps.OrganizationsConfig",
    "microcred.catalog.apps.CatalogConfig",
    "microcred.issuing.apps.IssuingConfig",
    "microcred.registry.apps.RegistryConfig",
    "microcred.api.apps.ApiConfig",
    "microcred.wallet.apps.WalletConfig",
    "microcred.pathways.apps.PathwaysConfig",
    "microcred.verification.apps.VerificationConfig",
    "microcred.strategy.apps.StrategyConfig",
    "microcred.recognition.apps.RecognitionConfig",
]
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"

# Accounts and personal data (docs/privacy.md): how long a password-reset link works, who
# answers personal-data requests, and how long personal data is kept.
PASSWORD_RESET_TIMEOUT = env.env_count(_ENV, "MICROCRED_PASSWORD_RESET_SECONDS", default=3600)
MICROCRED_PRIVACY_CONTACT = env.env_str(_ENV, "MICROCRED_PRIVACY_CONTACT", default="")
MICROCRED_RETAIN_UNCLAIMED_EMAIL_DAYS = env.env_count(
    _ENV, "MICROCRED_RETAIN_UNCLAIMED_EMAIL_DAYS", default=365
)
MICROCRED_RETAIN_ENDED_SHARES_DAYS = env.env_count(
    _ENV, "MICROCRED_RETAIN_ENDED_SHARES_DAYS", default=30
)
MICROCRED_RETAIN_AUDIT_YEARS = env.env_count(_ENV, "MICROCRED_RETAIN_AUDIT_YEARS", default=10)
#: Days before a credential's validUntil that its learner is told (issuing/expiry.py).
MICROCRED_EXPIRY_NOTICE_DAYS = env.env_count(_ENV, "MICROCRED_EXPIRY_NOTICE_DAYS", default=60)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "microcred.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "microcred.accounts.two_factor_gate.TwoFactorGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "microcred.web.urls"
WSGI_APPLICATION = "microcred.web.wsgi.application"

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
            ],
        },
    }
]

DATABASES = env.databases(_ENV, var_dir=VAR_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Languages: English by default, Turkish under /tr/ or when the browser prefers it.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("tr", _("Turkish"))]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# Static files: collected into var/static and served by WhiteNoise with hashed names.
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: the verify page reads credentials in memory and never stores them; a learners
# CSV is refused above these sizes before it is read (see issuing/upload_limits.py).
MICROCRED_VERIFY_MAX_BYTES = 256 * 1024
MICROCRED_CSV_MAX_BYTES = env.env_count(_ENV, "MICROCRED_CSV_MAX_BYTES", default=20 * 1024**2)
MICROCRED_CSV_MAX_ROWS = env.env_count(_ENV, "MICROCRED_CSV_MAX_ROWS", default=100_000)

# The registry: which quality-assurance bodies the verifier follows (this platform's own,
# and signed trust lists elsewhere as DID=URL), evidence uploads, renewal reminders.
MICROCRED_TRUST_LOCAL_BODIES = env.env_bool(_ENV, "MICROCRED_TRUST_LOCAL_BODIES", default=True)
MICROCRED_TRUST_LISTS = env.env_list(_ENV, "MICROCRED_TRUST_LISTS", default=[])
MICROCRED_EVIDENCE_MAX_BYTES = env.env_count(
    _ENV, "MICROCRED_EVIDENCE_MAX_BYTES", default=10 * 1024**2
)
MICROCRED_RENEWAL_REMINDER_DAYS = [
    int(days)
    for days in env.env_list(_ENV, "MICROCRED_RENEWAL_REMINDER_DAYS", default=["90", "30", "7"])
    if days.isdigit()
]

# Security headers. X-Content-Type-Options, X-Frame-Options: DENY and
# Cross-Origin-Opener-Policy come from Django's defaults; the CSP from our middleware.
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "microcred.web.views.csrf_failure"
MICROCRED_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
if env.env_bool(_ENV, "MICROCRED_HTTPS", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False

# Background work: Django's task framework (the django-tasks backport); the database backend
# by default, whose worker scripts/server starts. Another backend (Celery, RQ) is a setting.
TASKS = {
    "default": {
        "BACKEND": env.env_str(
            _ENV, "MICROCRED_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"
        )
    }
}
#: How many runs share one bulk batch (one per worker process that should take part).
MICROCRED_BATCH_RUNS = env.env_count(_ENV, "MICROCRED_BATCH_RUNS", default=2)

# E-mail: console in development, SMTP by setting (EMAIL_HOST etc. from the environment).
EMAIL_BACKEND = env.env_str(
    _ENV,
    "MICROCRED_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.env_str(_ENV, "MICROCRED_FROM_EMAIL", default="microcred@localhost")
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS = env.smtp(_ENV)
#: Production refuses the console/file backends (check microcred.web.E002) unless this is on.
MICROCRED_EMAIL_ALLOW_CONSOLE = env.env_bool(_ENV, "MICROCRED_EMAIL_ALLOW_CONSOLE", default=False)

# Logging: JSON lines in production (MICROCRED_LOG_FORMAT=text for humans), text in
# development; secret-shaped text masked either way (web/logs.py). Apps log events with
# structured fields and no personal data (docs/operations.md, "Logs").
_LOG_FORMAT = env.env_str(_ENV, "MICROCRED_LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "microcred.web.logs.RedactSecrets"}},
    "formatters": {
        "json": {"()": "microcred.web.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if _LOG_FORMAT == "json" else "text",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO" if DEBUG else "WARNING"},
    "loggers": {
        "microcred": {"level": env.env_str(_ENV, "MICROCRED_LOG_LEVEL", default="INFO")},
        # WeasyPrint narrates every rendering step (and its own stylesheet at import) at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
