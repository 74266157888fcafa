"""Settings shared by every environment; safe by default, configured from the environment."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from config.email import email_settings
from config.env import env_bool, env_int, env_list, env_str

# The repository root: manage.py, the apps and templates/ live here.
BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(env_str("DJANGO_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "courses",
    "facilitators",
    "forms_app",
    # Issue 15 (places): places on runs, offers, waiting lists, joining details.
    "places",
    # Issue 16 (certificates): registers, certificates, verification, feedback.
    "certificates",
    # Issue 14 (access): staff roles and their permissions, created by migration.
    "staff",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    # Not "wagtail.contrib.frontend_cache": its purge of the published page alone,
    # inside the publish, is replaced by home.cdn_purge's (docs/decisions/0031).
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous visitors from the shared page cache before any other work;
    # it stores pages as gzip compressed them, keyed by whether the client takes gzip.
    "home.page_cache.PageCacheMiddleware",
    # Compresses every page the middleware below produce; after WhiteNoise, which
    # serves its own pre-compressed static files (docs/decisions/0027).
    "django.middleware.gzip.GZipMiddleware",
    # The page editor's HTML without the indentation of Wagtail's templates (0028).
    "home.editor_markup.EditorMarkupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (site or admin) and Permissions-Policy (issue 14: headers).
    "home.security_headers.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
# WSGI applications config.wsgi wraps around Django's, innermost first: stored
# pages are answered in front of Django's handler (docs/decisions/0030).
WSGI_WRAPPERS = ["home.cached_hits.CachedPagesApplication"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: an embedded SQLite file unless DATABASE_URL names another database.
SQLITE_PATH = VAR_DIR / "db.sqlite3"
database_url = env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")
# SQLite connections cost nothing to keep and their PRAGMAs run on every open:
# keep them (a task worker otherwise reopens the file for every task).
keep_seconds = 600 if database_url.startswith("sqlite") else 0
DATABASES = {
    "default": dj_database_url.parse(
        database_url,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", keep_seconds),
        conn_health_checks=True,
    )
}
# Requests are not wrapped in a transaction: form submissions manage their own.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work during a write; IMMEDIATE takes the write lock up front
    # so concurrent writers wait (up to the timeout) instead of failing as locked.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=30000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# A Redis that hangs makes each cache call give up after this long: slower
# pages, never stuck ones.
REDIS_TIMEOUT_SECONDS = 0.5


def redis_caches(url: str) -> dict[str, dict]:
    """The default and page caches on one Redis, told apart by their key prefixes.

    An unreachable Redis is a miss for the default cache (home/redis_cache.py),
    which Wagtail reads on every page; the page cache handles its own failures.
    """
    options = {
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
    }
    return {
        "default": {
            "BACKEND": "home.redis_cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cpd",
            "OPTIONS": options,
        },
        "pages": {
            "BACKEND": "home.redis_cache.PageRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cpd-pages",
            "OPTIONS": options,
        },
    }


# Cache: process-local memory unless REDIS_URL names a shared Redis.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cpd-site",
        },
        # Shared by every process; `migrate` makes the table (home.apps).
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "page_cache",
        },
    }

# Full-page cache for anonymous visitors (home/page_cache.py, decision 0026).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# The longest a page is kept (and a CDN's s-maxage); changes retire it sooner.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long a CDN may keep an address with a query string (search results, list
# filters), which a purge cannot name; the page cache itself keeps them as long.
CDN_QUERY_SECONDS = env_int("CDN_QUERY_SECONDS", 60)

# Background work. Wagtail's own tasks (search and reference indexing, image
# focal points, cache purges) use "default" and run inline, so they never wait
# for a worker; the project's tasks use the database-backed "queue".
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: British English by default, Welsh as a translation. Each name is in
# its own language, as the language switcher shows it.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = env_str("DJANGO_STATIC_URL", "/static/")
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media in S3-compatible object storage when a bucket is named, so app processes
# keep no state; credentials come from the standard AWS variables or a role.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_REGION", "eu-west-2"),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }

DEFAULT_FROM_EMAIL = env_str(
    "DJANGO_DEFAULT_FROM_EMAIL", "CPD Centre <cpd@example.org>"
)
SERVER_EMAIL = env_str("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# A worker keeps its email connection open for the next email sent within this
# many seconds (forms_app.sending); 0 opens a new connection for every email.
EMAIL_CONNECTION_IDLE_SECONDS = env_int("EMAIL_CONNECTION_IDLE_SECONDS", 30)

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "CPD Centre")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Site search terms (which may be names) are forgotten after this many days by
# the workers' prune_search_terms job; terms with promoted results stay.
WAGTAILSEARCH_HITS_MAX_AGE = env_int("WAGTAILSEARCH_HITS_MAX_AGE", 7)
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "png", "bmp": "png"}
WAGTAILFORMS_EXPORT_FORMATS = ["xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# CDN purge after every change a page shows, when a purge endpoint is configured
# (home/cdn_purge.py).
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            # Wagtail's HTTPBackend with a timeout, raising on failure.
            "BACKEND": "home.cdn_purge.HTTPPurgeBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

SESSION_COOKIE_HTTPONLY = True

# --- Security headers, documents and uploads (issue 14: headers) ---
# Wagtail's preview view overrides this with SAMEORIGIN for the admin's iframe.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page here uses, switched off for embeds too
# (interest-cohort is gone from browsers and only logs an error).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}


def _origin(url: str) -> list[str]:
    """The scheme and host of an absolute URL (static or media on a CDN), else nothing."""
    parts = urlsplit(url if "//" in url else "")
    return [f"{parts.scheme or 'https'}://{parts.netloc}"] if parts.netloc else []


_STATIC_ORIGINS = _origin(STATIC_URL)
_MEDIA_ORIGINS = _origin(MEDIA_URL) + _origin(
    f"//{env_str('AWS_S3_CUSTOM_DOMAIN')}" if env_str("AWS_S3_CUSTOM_DOMAIN") else ""
)
# Hosts whose players the embed block may show (oEmbed iframes).
CSP_EMBED_ORIGINS = env_list(
    "DJANGO_CSP_EMBED_ORIGINS",
    [
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
)
CSP_REPORT_PATH = "/csp-report/"
# Public pages: files only, no inline script or style and no nonces, so a shared
# page cache can serve one copy to everyone. Inline JSON-LD is data, not script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_STATIC_ORIGINS],
        "style-src": ["'self'", *_STATIC_ORIGINS],
        "img-src": ["'self'", "data:", *_STATIC_ORIGINS, *_MEDIA_ORIGINS],
        "font-src": ["'self'", *_STATIC_ORIGINS],
        "connect-src": ["'self'"],
        "frame-src": CSP_EMBED_ORIGINS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail's preview renders a page with this policy inside the admin's iframe.
        "frame-ancestors": ["'self'"],
        "report-uri": CSP_REPORT_PATH,
        "report-to": "csp",
    }
}
# The Wagtail admin under /admin/: Wagtail 8's templates carry inline <script>
# (inline panels, date widgets) and wagtail-localize's <style> and style="", so
# only here are inline scripts and styles allowed (docs/decisions/0011).
# Previews it frames are rendered as public pages and get the public policy.
CSP_ADMIN_PATH_PREFIX = "/admin/"
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'", *_STATIC_ORIGINS],
    "style-src": ["'self'", "'unsafe-inline'", *_STATIC_ORIGINS],
    "img-src": ["'self'", "data:", "blob:", *_STATIC_ORIGINS, *_MEDIA_ORIGINS],
    "frame-src": ["'self'", *CSP_EMBED_ORIGINS],
}
# No staff email hashes sent to Gravatar from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Documents download as attachments (never rendered in the site's origin), always
# through Wagtail's view so its nosniff and CSP headers apply, even on S3.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.documents.DocumentForm"
# Our own limit (Wagtail has none for documents), checked by that form.
DOCUMENTS_MAX_UPLOAD_SIZE = env_int("DOCUMENTS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
# Raster images only: SVG can carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int(
    "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 5 * 1024 * 1024
)
# --- end of security headers, documents and uploads ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies can carry applicants' answers: never log them.
        "django.request": {"level": "ERROR", "propagate": True},
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        # Font subsetting for certificate PDFs logs every glyph at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

# Email provider: console (default), smtp, postmark, mailgun or amazon_ses.
globals().update(email_settings(env_str("EMAIL_PROVIDER", "console")))

# Forms and email delivery (forms_app).
# Room for a course's nested runs and sessions in the editor, far below a flood:
# more fields give a friendly 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
CSRF_FAILURE_VIEW = "forms_app.views.csrf_failure"
FORMS_MIN_FILL_SECONDS = env_int("FORMS_MIN_FILL_SECONDS", 3)
FORMS_RATE_LIMIT = env_int("FORMS_RATE_LIMIT", 10)
FORMS_RATE_LIMIT_WINDOW = env_int("FORMS_RATE_LIMIT_WINDOW", 600)
# Anyone can type any address into a form: cap what one address receives from us.
FORMS_ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY = env_int(
    "FORMS_ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY", 3
)
# How many proxies (load balancer, CDN) stand between visitors and the app;
# the rate limit then reads the visitor's address from X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 6)
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 60)
EMAIL_STUCK_SECONDS = env_int("EMAIL_STUCK_SECONDS", 900)
EMAIL_SWEEP_INTERVAL_SECONDS = env_int("EMAIL_SWEEP_INTERVAL_SECONDS", 300)
# Finished task rows (sent emails' tasks) are deleted after this many days.
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 7)

# --- Places (places app): offers and their deadline. ---
# An offered place is held this many days for the person to accept.
PLACES_OFFER_DAYS = env_int("PLACES_OFFER_DAYS", 5)
# How often the task workers lapse unanswered offers and offer the seats on.
PLACES_LAPSE_INTERVAL_SECONDS = env_int("PLACES_LAPSE_INTERVAL_SECONDS", 600)

# --- Certificates (certificates app): public checks and the personal CPD record. ---
# Codes checked and record links asked for per visitor address per window (seconds).
CERTIFICATES_VERIFY_RATE_LIMIT = env_int("CERTIFICATES_VERIFY_RATE_LIMIT", 30)
CERTIFICATES_RECORD_RATE_LIMIT = env_int("CERTIFICATES_RECORD_RATE_LIMIT", 5)
CERTIFICATES_RATE_LIMIT_WINDOW = env_int("CERTIFICATES_RATE_LIMIT_WINDOW", 600)
# Record links one address may receive in 24 hours, and how long a link works.
CERTIFICATES_RECORD_LINKS_PER_ADDRESS_PER_DAY = env_int(
    "CERTIFICATES_RECORD_LINKS_PER_ADDRESS_PER_DAY", 3
)
CERTIFICATES_RECORD_LINK_DAYS = env_int("CERTIFICATES_RECORD_LINK_DAYS", 7)

# --- Feedback (certificates app): asked once after a run's last core session. ---
# Runs that ended longer ago than this are never swept up by the feedback job.
FEEDBACK_MAX_DAYS_AFTER_RUN = env_int("FEEDBACK_MAX_DAYS_AFTER_RUN", 30)
# Consent to quote given on the feedback form lasts this many days.
FEEDBACK_CONSENT_DAYS = env_int("FEEDBACK_CONSENT_DAYS", 1095)

# --- Signing in (accounts): two factors for the admin, and login lockout. ---
# See docs/decisions/0012-signing-in.md. django-otp checks the second factor;
# accounts.middleware sends an admin request without one to verify or enrol.
INSTALLED_APPS += [
    "accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
]
_AUTH_MIDDLEWARE = MIDDLEWARE.index(
    "django.contrib.auth.middleware.AuthenticationMiddleware"
)
MIDDLEWARE[_AUTH_MIDDLEWARE + 1 : _AUTH_MIDDLEWARE + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
]
# Last, so it turns a locked-out login into the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# Axes first: it refuses a locked-out username and address before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Passkeys (django-otp-webauthn) confirm a password sign-in; never replace it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# Unset: the host the admin is opened at (one of ALLOWED_HOSTS), and its own
# origin (accounts.passkeys). Passkeys belong to the RP ID: changing it loses them.
PASSKEY_RP_ID = env_str("PASSKEY_RP_ID", "")
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("PASSKEY_ORIGINS", [])
# "No allowed origins": PasskeyHelper then accepts the request's own origin.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# Usernames that skip the second factor. Only config.settings.dev sets any; a
# system check refuses them whenever DEBUG is off.
TWO_FACTOR_EXEMPT_USERNAMES: list[str] = []
# Five wrong passwords for one username from one address lock that pair out;
# every further try restarts the cool-off.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_CLIENT_STR_CALLABLE = "accounts.lockout.client_description"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "backup_code"]
AXES_VERBOSE = False  # no start-up banner; attempts log through client_description
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # not one INFO line per attempt
# `manage.py purge_login_records` deletes axes' attempts and logs older than this.
LOGIN_RECORDS_KEEP_DAYS = env_int("LOGIN_RECORDS_KEEP_DAYS", 90)

# Issue 14 (access): how long the record of access to applicant data is kept;
# `manage.py purge_submissions` deletes older records.
ACCESS_RECORD_RETENTION_DAYS = env_int("ACCESS_RECORD_RETENTION_DAYS", 365)
