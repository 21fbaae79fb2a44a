"""One env-driven settings file (the healthchecks way): every knob is an environment variable.

DATABASE_URL  default sqlite:///var/dienhinh.sqlite3 ; postgres://user@host:5432/name for PostgreSQL
SECRET_KEY    required when DEBUG is off (or SECRET_KEY_FILE: a file holding it, e.g. var/secret_key)
DEBUG         "1"/"true" to enable (default off)
SITE_URL      the address users reach, used in mail links (default http://127.0.0.1:8000)
TRUSTED_PROXY_COUNT  reverse proxies in front of the app that append to X-Forwarded-For (default 0)
IDLE_TIMEOUT_PRIVILEGED_MINUTES / IDLE_TIMEOUT_MINUTES  sign-out after inactivity (30 / 480)
API_TOKEN_RATE requests per API token (default 600/min); API_TOKEN_MAX_DAYS longest token life (365)
ALLOWED_HOSTS comma-separated (default 127.0.0.1,localhost)
EMAIL_URL     smtp://user:pass@host:port , smtp+tls://… , console:// (default console:// in DEBUG)
TIME_ZONE     default Asia/Ho_Chi_Minh
"""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file, media and collected static live here


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("TESTING")
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY and os.environ.get("SECRET_KEY_FILE"):
    SECRET_KEY = Path(os.environ["SECRET_KEY_FILE"]).read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if TESTING:
        SECRET_KEY = secrets.token_urlsafe(50)  # one per test process: nothing to leak or reuse
    elif DEBUG:
        SECRET_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
    else:
        # No public fallback: a production process without its own key refuses to start.
        raise ImproperlyConfigured(
            "SECRET_KEY chưa được đặt: hãy đặt biến môi trường SECRET_KEY (hoặc SECRET_KEY_FILE) "
            "khi DEBUG=0. (SECRET_KEY is not set; it is required when DEBUG=0.)"
        )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"  # Vietnamese 403, in the layout

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "ninja",  # its Swagger UI from local static files, never a CDN
    "accounts.vendor_apps.TasksConfig",  # django_tasks_db, named in Vietnamese
    "accounts.vendor_apps.AxesConfig",  # axes, named in Vietnamese
    "django_otp",
    "accounts.vendor_apps.TOTPConfig",  # django_otp.plugins.otp_totp, named in Vietnamese
    "accounts.vendor_apps.StaticConfig",  # django_otp.plugins.otp_static (recovery codes)
    "core",
    "uploads",
    "audit",
    "orgs",
    "accounts",
    "api",
    "exports",
    "guidance",
    "registry",
    "evaluation",
    "urging",
    "fostering",
    "progress",
    "inspections",
    "awards",
    "proposals",
    "council",
    "decisions",
    "replication",
    "propagation",
    "publication",
    "discovery",
    "reviews",
    "search",
    "benchmarks",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.NormalizeInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.DenyByDefaultMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "portal.context_processors.current_roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dienhinh.sqlite3'}"),
        # Persistent connections (seconds) in production: a new PostgreSQL connection costs
        # about 30 ms per request on these machines (docs/benchmarks.md, "Load test"). Off
        # under DEBUG and in tests (the development server's threads would not reuse them).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG or TESTING else "60")),
        # Before reusing a persistent connection, check it is alive (a restarted PostgreSQL).
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
# Persistent connections (seconds; 0 closes after each request) with a health check before reuse.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A streaming replica of the primary (docs/operations.md, "Scale out"): reads inside
# core.db.from_replica() go there; migrations and writes never do. Tests mirror the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer work together; the busy timeout makes a second
    # writer wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "accounts.hashers.DienhinhArgon2PasswordHasher",  # cost chosen in accounts/hashers.py
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # older hashes, upgraded at next login
]
# Login lock-out: 5 failures per (username, client address) lock that pair for 15 minutes, so
# wrong passwords from one place never lock the account out from another.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
# Reverse proxies in front of the app, each appending the address it saw to X-Forwarded-For:
# 1 behind the documented nginx, 0 when the app is reached directly (docs/operations.md).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Per-account soft throttle: after this many failures from anywhere within the window, each
# further attempt for that account must wait a few seconds (a slowdown, never a lock).
LOGIN_ACCOUNT_THROTTLE_AFTER = int(os.environ.get("LOGIN_ACCOUNT_THROTTLE_AFTER", "10"))
LOGIN_ACCOUNT_THROTTLE_WINDOW_SECONDS = 15 * 60
LOGIN_ACCOUNT_COOLDOWN_SECONDS = int(os.environ.get("LOGIN_ACCOUNT_COOLDOWN_SECONDS", "10"))
# Sign-out after inactivity: short for the roles that see the whole province.
IDLE_TIMEOUT_PRIVILEGED = int(os.environ.get("IDLE_TIMEOUT_PRIVILEGED_MINUTES", "30")) * 60
IDLE_TIMEOUT_DEFAULT = int(os.environ.get("IDLE_TIMEOUT_MINUTES", "480")) * 60
SESSION_COOKIE_AGE = max(IDLE_TIMEOUT_DEFAULT, IDLE_TIMEOUT_PRIVILEGED)

# --- REST API (/api/v1/, docs/api.md) -------------------------------------------------------
# The per-token throttle counts in the cache: a file cache under var/ is shared by every worker
# process of the server on this machine (the local-memory cache would count per process).
# Several machines share one cache: CACHE_URL=redis://host:6379/0 (Django's Redis backend).
def cache_from_url(url: str, testing: bool) -> dict:
    """CACHE_URL → the default cache: redis:// or rediss:// → Redis; empty → the file cache
    under VAR_DIR (one machine), or local memory under tests."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                "KEY_PREFIX": "dienhinh"}
    if url:
        raise ImproperlyConfigured(
            f"CACHE_URL: chỉ hỗ trợ redis://, rediss:// hoặc unix://, không phải {url!r}")
    if testing:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 20_000}}


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""), TESTING)}
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "600/min")  # requests per token
API_PAGE_SIZE = 50
# The REST API reads (and NFC-normalises) its own JSON body: core.middleware leaves it unread.
RAW_BODY_PATHS = ("/api/",)
API_MAX_PAGE_SIZE = 500

# Two-factor sign-in (accounts/mfa.py, docs/security.md): the roles that must have a second
# factor (superusers too); wrong codes in a row before the second-factor step refuses for a
# cool-down; django-otp's own exponential back-off is off (this lock-out replaces it).
MFA_REQUIRED_ROLES = ("standing_office", "council_member", "system_admin", "national_office")
MFA_FAILURE_LIMIT = int(os.environ.get("MFA_FAILURE_LIMIT", "5"))
MFA_COOLDOWN_SECONDS = int(os.environ.get("MFA_COOLDOWN_MINUTES", "15")) * 60
OTP_TOTP_ISSUER = "Điển hình tiên tiến Lai Châu"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- I18N -----------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# The project's catalogs first (makemessages writes there); then the Vietnamese words of the
# third-party apps that ship none (django-axes, django-tasks-db, a few of Django's admin).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media ---------------------------------------------------------------------
# WhiteNoise serves `collectstatic` output: compressed (gzip, brotli), hashed names cached for ten
# years (immutable), other names for an hour.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
# Private files (uploads and generated documents; uploads/private.py). Two web machines must
# share them: a shared folder (PRIVATE_FILES_DIR on NFS) or S3-compatible object storage
# (PRIVATE_STORAGE_URL=s3://bucket/prefix?endpoint=https://…&region=…, keys from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; django-storages). docs/operations.md.
if os.environ.get("PRIVATE_FILES_DIR"):
    PRIVATE_FILES_DIR = Path(os.environ["PRIVATE_FILES_DIR"])


def private_storage_from_url(url: str) -> dict | None:
    """PRIVATE_STORAGE_URL → the options of django-storages' S3 backend (None: the folder)."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured(
            f"PRIVATE_STORAGE_URL phải có dạng s3://tên-bucket/thư-mục, không phải {url!r}")
    query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
    return {
        "bucket_name": parts.hostname, "location": parts.path.strip("/"),
        "endpoint_url": unquote(query["endpoint"]) if "endpoint" in query else None,
        "region_name": query.get("region"), "default_acl": "private",
        "querystring_auth": True, "file_overwrite": False,
    }


PRIVATE_STORAGE_S3 = private_storage_from_url(os.environ.get("PRIVATE_STORAGE_URL", ""))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_MAX_AGE = 0 if DEBUG else 3600
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
# Strict CSP: no inline script or style anywhere; every asset is served by the app itself.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


# --- Mail -----------------------------------------------------------------------------------
def mailer_from_url(url: str) -> dict:
    """EMAIL_URL → one entry of Django's MAILERS setting."""
    parts = urlsplit(url)
    if parts.scheme in {"console", ""}:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or 25,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": parts.scheme == "smtp+tls",
            "use_ssl": parts.scheme == "smtps",
            "timeout": 20,
        },
    }


MAILERS = {"default": mailer_from_url(os.environ.get("EMAIL_URL", "console://"))}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dienhinh@laichau.gov.vn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# --- Background tasks (Django's tasks API, database-backed worker: no extra server) ----------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Domain settings ------------------------------------------------------------------------
# PEM files of the certificate authorities whose signatures on PDFs count as trusted.
SIGNATURE_TRUST_ROOTS = env_list("SIGNATURE_TRUST_ROOTS", "")
PROVINCE_NAME = os.environ.get("PROVINCE_NAME", "Lai Châu")
# Exports (docs/exports.md): up to this many rows a file is written in the request, above it in
# the task worker (progress bar, download link kept EXPORT_KEEP_HOURS); Word lists are refused
# above EXPORT_DOCX_MAX_ROWS (python-docx builds the whole document in memory).
EXPORT_INLINE_ROWS = int(os.environ.get("EXPORT_INLINE_ROWS", "5000"))
EXPORT_KEEP_HOURS = int(os.environ.get("EXPORT_KEEP_HOURS", "24"))
EXPORT_DOCX_MAX_ROWS = int(os.environ.get("EXPORT_DOCX_MAX_ROWS", "2000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # pyHanko logs a traceback for every untrusted or modified signature; the result is shown.
    "loggers": {"pyhanko": {"level": "ERROR"}, "pyhanko_certvalidator": {"level": "ERROR"}},
}
