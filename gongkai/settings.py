"""The one settings module. Everything that differs between machines comes from the
environment (see .env.example); nothing secret is committed."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.env import env_addresses, env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GONGKAI_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("GONGKAI_DEMO", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/ (mode 0600)."""
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("环境变量 SECRET_KEY 太短：至少 32 个字符")
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _data_key() -> str:
    """The key that encrypts applicants' ID and phone numbers at rest (Fernet, 44 characters).
    From GONGKAI_DATA_KEY, else generated once into var/data_key (mode 0600). Keep it with
    the backups but apart from them: without it the numbers cannot be read back."""
    key = env_str("GONGKAI_DATA_KEY")
    if key:
        if len(key) != 44:
            raise ImproperlyConfigured(
                "环境变量 GONGKAI_DATA_KEY 格式不对：应为 44 个字符的 Fernet 密钥"
            )
        return key
    path = VAR_DIR / "data_key"
    if not path.exists():
        from cryptography.fernet import Fernet

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(Fernet.generate_key().decode())
    return path.read_text().strip()


DATA_KEY = _data_key()
# One cache shared by every worker process (and server): the rate limits count there, with
# an increment that is atomic and keeps the window's expiry (gongkai/core/cache.py).
CACHES = {
    "default": {
        "BACKEND": "gongkai.core.cache.CountingDatabaseCache",
        "LOCATION": "gongkai_cache",
    }
}
# Online applications accepted per client address per hour (the public form's rate limit).
APPLICATIONS_PER_HOUR = env_int("APPLICATIONS_PER_HOUR", 10, minimum=1)
# Applications concluded longer ago than this are anonymised by `gongkai anonymise` (cron).
RETENTION_YEARS = env_int("RETENTION_YEARS", 10, minimum=1)
# Askers of closed 互动交流 messages lose their name and contact this many months after the
# answer, by `gongkai forget-askers` (cron); see gongkai/interaction/retention.py.
MESSAGE_ASKER_MONTHS = env_int("MESSAGE_ASKER_MONTHS", 12, minimum=6)

# The proxies whose word on the visitor's address is believed (X-Real-IP, set by
# deploy/nginx/gongkai.conf): IP addresses or networks, and "unix" for the peer on gunicorn's
# unix socket. Empty: the connection's own address, whatever headers say. One notion of the
# visitor for django-axes, the rate limits and the audit log (gongkai/core/client.py).
TRUSTED_PROXIES = env_addresses("TRUSTED_PROXIES", [], words=("unix",))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The host names of this site, so the self-check resolves full addresses of its own pages
# against the database instead of fetching them (gongkai selfcheck); default ALLOWED_HOSTS.
GONGKAI_SITE_HOSTS = env_list("SITE_HOSTS", [])
# Seconds between two requests of the self-check's link check to one host (politeness).
GONGKAI_LINK_CHECK_INTERVAL = env_int("LINK_CHECK_INTERVAL_MS", 1000, minimum=0) / 1000
# The link check never fetches loopback or private-network addresses (a page's links must
# not make the server probe its own network); tests and benchmarks switch this on for their
# local stub servers only.
GONGKAI_LINK_CHECK_ALLOW_PRIVATE = env_bool("LINK_CHECK_ALLOW_PRIVATE", False)
# Private networks the portal's public can reach all the same (a county portal on the
# 政务外网 linking to its neighbours' sites): checked like public addresses, at every hop.
GONGKAI_LINK_CHECK_ALLOW_NETWORKS = env_addresses("LINK_CHECK_ALLOW_NETWORKS", [])
if "*" in ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("ALLOWED_HOSTS 不能含 *（只在 DEBUG 开发环境中允许）")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The project's apps in DESIGN.md's layers, bottom up (the import-linter contract in
# pyproject.toml keeps them): core ← catalogue, applications ← standards, policies ←
# reports, inspection, migration, visits ← site ← portal, office. gongkai.statute is
# plain Python, no app.
INSTALLED_APPS = [
    "gongkai.core",
    "gongkai.catalogue",
    "gongkai.applications",
    "gongkai.standards",
    "gongkai.policies",
    "gongkai.interaction",
    "gongkai.submissions",
    "gongkai.reports",
    "gongkai.inspection",
    "gongkai.migration",
    "gongkai.visits",
    "gongkai.sitereport",
    "gongkai.site",
    "gongkai.portal",
    "gongkai.office",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # outermost, so it sees every cookie the others set before it marks a page cacheable
    "gongkai.core.public_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's session middleware, renewing an idle session at most once a minute
    "gongkai.core.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # control characters out of every query and form value, before any view reads one
    "gongkai.core.forms.ControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.core.password.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.headers.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]
# Work on files from outside (an attachment's text, the report check's reading and OCR) runs
# in a child process with these limits (gongkai/core/bounded.py): seconds of CPU and of
# waiting, megabytes of address space, PDF pages, and pixels of a picture or of a PDF page
# rasterised for OCR. Beyond them the file is refused with a sentence saying why.
BOUNDED_WORK_SECONDS = env_int("BOUNDED_WORK_SECONDS", 90, minimum=5)
BOUNDED_WORK_MEMORY_MB = env_int("BOUNDED_WORK_MEMORY_MB", 2048, minimum=256)
BOUNDED_MAX_PAGES = env_int("BOUNDED_MAX_PAGES", 300, minimum=1)
BOUNDED_MAX_PIXELS = env_int("BOUNDED_MAX_PIXELS", 40_000_000, minimum=1_000_000)
# How long nginx in front may keep a public page (gongkai/core/public_cache.py): a newly
# published item appears on the portal within this many seconds. 0: never cached.
PUBLIC_PAGE_SECONDS = env_int("PUBLIC_PAGE_SECONDS", 30, minimum=0)
# Login throttling (django-axes): after 5 wrong passwords for one account from one address
# the login is refused for 30 minutes, whatever the password; a success clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURES_ALLOWED", 5, minimum=1)
AXES_COOLOFF_TIME = 0.5  # hours
# per (account, address): wrong passwords from elsewhere cannot lock a clerk out
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongkai.core.client.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "office/locked.html"
AXES_VERBOSE = False

ROOT_URLCONF = "gongkai.urls"
CSRF_FAILURE_VIEW = "gongkai.errors.csrf_failure"  # a Chinese page, not Django's English one
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["gongkai.core.templatetags.gongkai_dates"],
        },
    },
]

DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL") or DEFAULT_SQLITE_URL, conn_max_age=60
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"环境变量 DATABASE_URL 无法识别：{error}") from None
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured("DATABASE_URL 只支持 sqlite:// 和 postgres://")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the portal read while a clerk writes; wait rather than fail on a busy file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # tests use a file as production does: in memory, threads meet table locks that never wait
    # (one file per process, so two test runs at once cannot meet in it; Django deletes it)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-gongkai-{os.getpid()}.sqlite3")}
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # the whole database, applicants and all, is the service user's alone (SQLite gives
        # its -wal and -shm files the database file's mode)
        Path(DATABASES["default"]["NAME"]).touch(mode=0o600, exist_ok=True)

# No JIT compilation: a page's statements run in milliseconds, and PostgreSQL's cost-based
# JIT spent 35 ms compiling the 工作台's item read that runs in 12 (bench/RESULTS.md, 6,000,000
# items). Sent with each connection; behind PgBouncer, which refuses startup parameters it
# does not know, the role's own setting does it (docs/deploy.md: ALTER ROLE … SET jit = off)
# PgBouncer in transaction mode between gongkai and PostgreSQL (docs/deploy.md): a pooled
# server connection serves other clients between transactions, so no cursor may outlive a
# transaction and psycopg must not prepare statements on it.
DATABASE_POOLER = env_bool("DATABASE_POOLER", False)
if DATABASE_POOLER and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# A streaming replica of PostgreSQL for anonymous visitors' reads (docs/deploy.md): every
# write, session, rate-limit count and logged-in request uses the primary
# (gongkai/core/routers.py). Unset: one database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    except ValueError as error:
        raise ImproperlyConfigured(f"环境变量 DATABASE_REPLICA_URL 无法识别：{error}") from None
    if DATABASES["replica"]["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL 应与 DATABASE_URL 是同一种数据库")
    for name in ("OPTIONS", "DISABLE_SERVER_SIDE_CURSORS", "CONN_MAX_AGE"):
        if name in DATABASES["default"]:
            value = DATABASES["default"][name]
            DATABASES["replica"][name] = dict(value) if isinstance(value, dict) else value
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gongkai.core.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(1, "gongkai.core.routers.ReplicaReadsMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.core.password.MinimumLengthValidator",  # Django's, in Chinese
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.core.password.NotTheDemoPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Uploads (applicants' proofs, items' attachments) go through the storage named "private":
# unset, the local disk under VAR_DIR/private (gongkai.core.uploads, files 0600); with several
# application servers, an S3-compatible object store such as MinIO (docs/deploy.md), so an
# upload on one server is there on all of them.
if env_str("GONGKAI_S3_BUCKET"):
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("GONGKAI_S3_BUCKET"),
            "endpoint_url": env_str("GONGKAI_S3_ENDPOINT") or None,
            "access_key": env_str("GONGKAI_S3_ACCESS_KEY") or None,
            "secret_key": env_str("GONGKAI_S3_SECRET_KEY") or None,
            "region_name": env_str("GONGKAI_S3_REGION") or None,
            "location": "private",
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

# The demo writes its mail as files under var/mail (one .log file per connection), so the
# server's console shows no raw MIME; development prints it.
EMAIL_BACKEND = env_choice(
    "EMAIL_BACKEND",
    "file" if DEMO else "console" if DEBUG else "smtp",
    {
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
    },
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "gongkai@localhost")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not DEMO)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
# the age is measured from the last request (idle expiry), renewed at most once a minute by
# gongkai.core.sessions.IdleSessionMiddleware rather than rewritten on every request
SESSION_SAVE_EVERY_REQUEST = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Served over HTTPS (directly or behind a proxy that terminates TLS and sets
# X-Forwarded-Proto): redirect plain HTTP and tell browsers to insist on HTTPS for a year.
# Off by default: a township box on an intranet may have no certificate.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
# Subdomains and the browsers' preload list belong to whoever runs the agency's domain
# (often a county's whole 政府网站 cluster), not to this application: decided, not forgotten.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING").upper()},
}
