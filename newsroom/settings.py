"""Newsroom settings: one module, every knob read from the environment (see .env.example).

Defaults are safe for a laptop: DEBUG off, SQLite in the project folder, local-memory cache.
Serving without DEBUG and without SECRET_KEY refuses to start (newsroom/wsgi.py, asgi.py) rather
than run with a guessable key; offline commands such as makemigrations still work.
"""

import hashlib
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
INSECURE_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="") or INSECURE_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = env.str("SITE_NAME", default="The Newsroom")
# `make bench` serves /_bench/ceiling/ (a fixed 30 KB page) to measure the framework's ceiling.
BENCH_CEILING = env.bool("BENCH_CEILING", default=False)
# The one source of absolute URLs (canonical links, feeds, sitemaps, share links, cache keys):
# never the request's Host header. See newsroom/absolute.py.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Named in feeds and the Google News sitemap; the language of the site's articles (ISO 639).
SITE_LANGUAGE = env.str("SITE_LANGUAGE", default="en")
# PostgreSQL text-search configuration for stemming the search index (articles/search.py).
SEARCH_CONFIG = env.str("SEARCH_CONFIG", default="english")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "newsroom",
    "taggit",
    "reversion",
    "js_asset",
    "django_prose_editor",
    "axes",
    "csp",
    "images",
    "authors",
    "articles",
    "imports",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    "django_tasks",
    "django_tasks_db",
    "webhooks",
    "operations",
]

# Security headers wrap the page cache, so a page served from the cache carries them too.
MIDDLEWARE = [
    # First: the request id (X-Request-ID) and the one log line per request cover everything below.
    "newsroom.middleware.RequestLogMiddleware",
    # Then the anonymous page cache: a hit answers with the headers the middleware below gave the
    # stored page (articles/pagecache.py), without running it again.
    "articles.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CORS for the read API only (CORS_URLS_REGEX); before anything that can answer a request.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Old WordPress addresses (imports app); after the page cache, so their redirects are cached.
    "imports.middleware.WordPressRedirectMiddleware",
    "newsroom.middleware.StripControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Names this app server in an X-Served-By header (deploy/cluster.py sets it per instance); off by default.
SERVED_BY = env.str("SERVED_BY", default="")
if SERVED_BY:
    MIDDLEWARE.insert(0, "newsroom.middleware.ServedByMiddleware")

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# Reader pages are Jinja2 templates (newsroom/jinja2.py: why, and which folders); the admin, login
# and e-mail templates and the sitemap XML are Django templates. Both read templates/: the Jinja2
# engine comes first and refuses Django's folders, so Django falls through to its own engine.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            # The backend adds request, csrf_input and csrf_token itself.
            "context_processors": [
                "newsroom.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Each server process keeps its database connection between requests (opening one costs more
# than a whole cached page), checked before reuse so a restarted database costs one error-free
# reconnect. DB_CONN_MAX_AGE=0 closes it after every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiler pays tens of milliseconds to speed up queries that run for
    # seconds; a newsroom's page queries run for one. And the planner's default random_page_cost
    # (4) prices an index lookup for a spinning disk: a prepared author page then scanned the
    # whole article table rather than follow the author's bylines (2 ms instead of 0.8 at 5,000
    # articles, growing with the archive). 1.1 is the usual figure for SSDs and for a database
    # that fits in memory, as a newsroom's does. Both apply unless DATABASE_URL asks for options.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c random_page_cost=1.1")
    # Values travel apart from the SQL and a query asked twice on a connection is prepared: the
    # reader pages ask the same few, and PostgreSQL spent about half its time on them planning.
    # DB_PREPARED_STATEMENTS=false for a pooler that cannot keep them (PgBouncer before 1.21, or
    # without max_prepared_statements, in transaction mode).
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["ENGINE"] = "newsroom.postgresql"  # batches within the bound-parameter limit
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE_URL=dummy:// turns every cache off (benchmarks of uncached pages).
CACHE_URL = env.str("CACHE_URL", default="locmemcache://newsroom").replace("dummy://", "dummycache://", 1)
CACHES = {"default": env.cache_url_config(CACHE_URL)}
# django-environ lower-cases ?timeout=, ?key_prefix=... for Django's Redis backend, which reads them
# upper-case only: two sites sharing one Redis through ?key_prefix= would silently share pages.
CACHES["default"] |= {key.upper(): CACHES["default"].pop(key) for key in list(CACHES["default"]) if key.islower()}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "newsroom.cache.RedisCache"  # one client per pool, not per command
# The anonymous full-page cache (articles/pagecache.py): how long a page may be kept at most
# (never past the next scheduled publication), what browsers may keep (0: they revalidate every
# time, a cheap 304 thanks to the ETag, so an editor who just published never sees an old page),
# and what a CDN may serve while it revalidates. PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=0)
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=60)
# With a local-memory cache each server process keeps its own pages; this file tells them all
# when content changed. Unused with Redis, where the generation lives in the shared cache.
PAGE_CACHE_GENERATION_FILE = env.str(
    "PAGE_CACHE_GENERATION_FILE",
    default=str(
        Path(tempfile.gettempdir()) / f"newsroom-pagecache-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}"
    ),
)

# Failed logins are counted per username and, separately, per IP address, in the database (so
# every app server sees the same counts). An unknown username is counted and locked exactly like
# a real one, so the lockout reveals nothing. Administrators unlock under "Axes" in the admin
# (delete the access attempts) or with `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind load balancers the client's address is the last hop they append to X-Forwarded-For
# (newsroom/client_address.py); otherwise every reader would share the balancer's address, and
# five failures from anyone would lock everyone out.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "newsroom.client_address.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads go to MEDIA_ROOT unless an S3-compatible bucket is configured (AWS S3, MinIO, R2, ...),
# which is what lets several app servers share one set of images.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_S3_FILE_OVERWRITE = False
    # Renditions' names change whenever their pixels do (images.renditions), so caches may keep them.
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    DEFAULT_FILE_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The media library (images app, docs/images.md). An upload over either limit is refused with a
# form error, so one file cannot exhaust the disk or Pillow's memory.
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=50_000_000)
# Rendition URLs come from the storage (the bucket or its CDN domain) when it serves files itself;
# otherwise the app serves them (images.views), optionally handing the bytes to nginx.
IMAGES_URLS_FROM_STORAGE = env.bool("IMAGES_URLS_FROM_STORAGE", default=bool(AWS_STORAGE_BUCKET_NAME))
IMAGES_X_ACCEL_REDIRECT_PREFIX = env.str("IMAGES_X_ACCEL_REDIRECT_PREFIX", default="")

# `manage.py backup` (operations app) writes each backup into a new dated folder here.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")

TAGGIT_CASE_INSENSITIVE = True
# Only commas separate tags: "Middle East" typed alone is one region, not two.
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.edit_string_for_tags"

# Staff reset forgotten passwords by email: printed to the console unless EMAIL_URL names an
# SMTP server (smtp+tls://user:password@smtp.example.com:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"newsroom@{urlsplit(SITE_URL).hostname}")

# --- HTTPS and security headers (see README, "Production"). ---------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_HTTPS_PROXY", default=False) else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Load balancers probe over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Scripts only from this site, no inline code: an injected <script> or onclick= never runs. The
# one inline script, the body editor's import map, carries the per-request nonce.
# Inline style attributes stay allowed (the admin's widgets set them); they cannot run code.
IMAGE_SOURCES = [SELF, "data:"] + [
    f"{parts.scheme}://{parts.netloc}"
    for url in [env.str("AWS_S3_ENDPOINT_URL", default=""), f"https://{env.str('AWS_S3_CUSTOM_DOMAIN', default='')}"]
    if (parts := urlsplit(url)).netloc
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": IMAGE_SOURCES,
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

# --- The read API (api app, README "Read API"). -------------------------------------------------
# Readers without a key share this rate per address; an API key (admin, "API keys") lifts it.
API_ANON_RATE = env.str("API_ANON_RATE", default="60/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.APIKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.json_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Throttling counts per client address: X-Forwarded-For is believed only behind known proxies,
    # or anyone could reset their count by sending a made-up header.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} read API",
    "DESCRIPTION": "Published articles, authors, regions and topics. Send `Authorization: Api-Key <key>` "
    "to lift the anonymous rate limit.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
# Origins (https://app.example.com) allowed to call the API from a browser; none by default.
CORS_ALLOWED_ORIGINS = env.list("API_CORS_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "X-Request-ID"]

# --- Webhooks (webhooks app, README "Webhooks"), sent by `manage.py run_worker`. ------------------
# A failed delivery is retried after WEBHOOK_RETRY_BASE_SECONDS, then twice as long each time.
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
# Background tasks (django-tasks) are rows in the database, so any setup that has a database has a
# queue; `run_worker` runs them (and it works the same on SQLite and PostgreSQL).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Logs go to stderr: one JSON object a line (LOG_FORMAT=json, for log collectors) or plain text
# (LOG_FORMAT=text, for people), each with the request id (newsroom/logging.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.logging.JsonFormatter"},
        "text": {"()": "newsroom.logging.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every login at INFO; failures and lockouts are warnings. The task worker
    # announces every pass at INFO ("Starting worker", "No more tasks"); each task is still logged.
    # Django's own loggers (errors with their tracebacks) go through the same handler rather than
    # the plain-text one Django adds in DEBUG.
    "loggers": {
        "axes": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
