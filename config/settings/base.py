"""Settings shared by every environment. Environment-specific files import * from here."""

import importlib.util
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("MISSION_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key-never-used-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "core",
    "missions",
    "metrics",
    "sources",
    "councils",
    "spending",
    "accountability",
    "dashboards",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.routers.ReplicaReadsMiddleware",  # which reads may go to a replica (only if one is configured)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Refuses an over-long Content-Length with 413 before CSRF reads the body (issue 10).
    "missions.middleware.RequestSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dashboards.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mission-dashboard.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A kept connection is checked before each request reuses it: after a database restart the first
        # request reconnects instead of failing (tests/trust/test_database_restart.py).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The covering index for current series (INCLUDE value, status) is a PostgreSQL feature; SQLite builds
    # the same index without the extra columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Past one machine (issue 13, config/routers.py): dashboards and the API's GETs read a streaming replica,
# writes, tasks and every read inside a transaction go to the primary.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL", ""), conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
    DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)  # a writer reads the primary this long after

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "missions.User"
LOGIN_URL = "missions:login"
LOGIN_REDIRECT_URL = "missions:after-sign-in"
LOGOUT_REDIRECT_URL = "missions:public-home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# GOV.UK Frontend and axe-core come from npm (package.json); the Makefile installs them into node_modules.
NODE_MODULES_DIR = BASE_DIR / "node_modules"
GOVUK_FRONTEND_DIR = NODE_MODULES_DIR / "govuk-frontend" / "dist" / "govuk"
PLOTLY_JS_DIR = Path(importlib.util.find_spec("plotly").origin).parent / "package_data"
STATICFILES_DIRS += [("govuk", GOVUK_FRONTEND_DIR), ("plotly", PLOTLY_JS_DIR)]
# GOV.UK Frontend's compiled CSS asks for its fonts and images at /assets/: serve its folder at the root.
WHITENOISE_ROOT = GOVUK_FRONTEND_DIR
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Mission Dashboard API",
    "DESCRIPTION": "Missions, metrics, targets and observations; bulk upload of metric data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ObservationStatusEnum": "metrics.models.Observation.Status",
        "UploadStatusEnum": "metrics.models.Upload.Status",
        "MissionStatusEnum": "missions.models.Mission.Status",
        "BudgetEnum": "spending.models.Budget",
        "MandateLetterStatusEnum": "accountability.models.MandateLetter.Status",
        "ReportStatusEnum": "accountability.models.Report.Status",
        "CommitmentUpdateStatusEnum": "accountability.models.CommitmentUpdate.Status",
        "ActionStatusEnum": "councils.models.Action.Status",
    },
}

# Celery: Redis in production; on one machine a filesystem broker under var/ so nothing else is needed.
REDIS_URL = env_str("REDIS_URL", "")
_broker_dir = VAR_DIR / "celery-broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    for sub in ("out", "processed", "control"):
        (_broker_dir / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),  # else kombu writes ./control in the checkout
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or f"file://{VAR_DIR / 'celery-results'}")
if CELERY_RESULT_BACKEND.startswith("file://"):
    (VAR_DIR / "celery-results").mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 540)
CELERY_TIMEZONE = TIME_ZONE
CELERY_IMPORTS = ["metrics.ingest.tasks"]  # the upload page's task lives beside the import code
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Computed statuses cached under version tokens that new vintages replace (metrics/status_cache.py). Off
# unless the cache is shared by every process (the demo's is per process): production turns it on.
STATUS_CACHE_SECONDS = env_int("STATUS_CACHE_SECONDS", 0)
CELERY_TASK_ROUTES = ("config.celery.route_by_kind",)
TASK_QUEUES_BY_KIND = {"pulls": "pulls", "uploads": "uploads", "packs": "packs"}  # config/celery.py

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mission-dashboard@localhost")

# Uploads: the API refuses larger bodies with 413 before reading them.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 200 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Scheduled pulls may fetch only from these hosts; "*" allows any (demo and tests only).
PULL_ALLOWED_HOSTS = env_list("PULL_ALLOWED_HOSTS", ["*"])
PULL_ALLOW_PRIVATE_ADDRESSES = env_bool("PULL_ALLOW_PRIVATE_ADDRESSES", False)  # only with an allow-list
PULL_CONNECT_TIMEOUT = env_int("PULL_CONNECT_TIMEOUT", 10)  # seconds
PULL_READ_TIMEOUT = env_int("PULL_READ_TIMEOUT", 30)
PULL_TOTAL_TIMEOUT = env_int("PULL_TOTAL_TIMEOUT", 120)
PULL_MAX_BYTES = env_int("PULL_MAX_BYTES", 50 * 1024 * 1024)
PULL_ATTEMPTS = env_int("PULL_ATTEMPTS", 3)
PULL_BACKOFF = env_int("PULL_BACKOFF", 2)  # seconds before the first retry, doubled each time

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step of every page at INFO; keep its warnings only.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Business cases costing this much or more (£ million, with optimism bias) must model their impacts and, once
# approved, are published on the public register of appraisals (issue 11).
SPENDING_VALUE_THRESHOLD_M = env_int("SPENDING_VALUE_THRESHOLD_M", 100)

# --- Trust (issue 10) -------------------------------------------------------------------------------------
# Files under MEDIA_ROOT are never served by URL (config/urls.py has no /media/ route in any settings
# module); packs and uploads are read through views that check access, via the storage API.
MIDDLEWARE += [
    "missions.middleware.SecurityHeadersMiddleware",
    "missions.middleware.QueueUnavailableMiddleware",
    "missions.middleware.DatabaseUnavailableMiddleware",
    "missions.middleware.SessionLimitMiddleware",
    "missions.middleware.PageMethodsMiddleware",
]
# Redis down: one publish attempt with short timeouts, so a page answers 503 within ~2 s, not 500 after 19 s.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # the worker still waits for Redis when it starts
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_IGNORE_RESULT = True  # nothing reads results; sending a task then never touches the backend
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 1,
        "socket_timeout": 2,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    }
CELERY_BEAT_SCHEDULE = {
    "uploads-reclaim-stale": {"task": "metrics.ingest.tasks.uploads_reclaim_stale", "schedule": 300.0},
    "pulls-reclaim-stale": {"task": "metrics.tasks.source_pulls_reclaim_stale", "schedule": 300.0},
}
# Content-Security-Policy: no inline script but GOV.UK Frontend's documented one-liner (by its hash);
# Plotly sets inline styles, hence style-src 'unsafe-inline'. The API docs (Swagger UI) get their own.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
# Sessions: 8 hours at most, and signed out after 30 minutes without a request (GOV.UK service manual).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the 30 minutes restart with each request: an idle timeout
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Files larger than this (CSV bytes, or XLSX bytes once unzipped) are checked by the worker: the API answers
# 202 with the upload's URL. XLSX limits bound memory and time whatever the file claims about itself.
UPLOAD_INLINE_MAX_BYTES = env_int("UPLOAD_INLINE_MAX_BYTES", 8 * 1024 * 1024)
XLSX_MAX_UNZIPPED_BYTES = env_int("XLSX_MAX_UNZIPPED_BYTES", 256 * 1024 * 1024)
XLSX_MAX_SHARED_STRINGS_BYTES = env_int("XLSX_MAX_SHARED_STRINGS_BYTES", 16 * 1024 * 1024)
XLSX_MAX_ROWS = env_int("XLSX_MAX_ROWS", 1_000_000)
XLSX_MAX_COLUMNS = 50  # cells read per row: the six columns, wherever they are, with room to spare
# Sign-in: django-axes locks an account, and separately an address, after 5 failures for 15 minutes (429).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: per account and per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The API: rate limits per user and per anonymous address, and a brake on guessed tokens (429).
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "missions.throttling.GuardedTokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "missions.throttling.AnonThrottle",
    "missions.throttling.UserThrottle",
]
API_THROTTLE_RATES = {
    "anon": env_str("API_RATE_ANON", "120/min"),
    "user": env_str("API_RATE_USER", "1200/min"),
}
API_BAD_TOKEN_LIMIT = env_int("API_BAD_TOKEN_LIMIT", 10)
API_BAD_TOKEN_WINDOW = env_int("API_BAD_TOKEN_WINDOW", 300)  # seconds
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "missions.openapi.add_error_responses",
]
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "missions.pagination.StrictPageNumberPagination"
