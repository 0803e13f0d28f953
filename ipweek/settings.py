"""IPWeek settings: one module, driven by the environment (see README, "Production")."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ipweek.core.env import env_bool, env_database, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("IPWEEK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# Production sets SECRET_KEY or SECRET_KEY_FILE; the fallback keeps `make run` working on a fresh clone
# and is flagged by `ipweek check --deploy`.
SECRET_KEY = env_secret("SECRET_KEY", default="") or f"django-insecure-ipweek-development-only-{BASE_DIR}"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ipweek.core",
    "ipweek.accounts",
    "ipweek.units",
    "ipweek.campaigns",
    "ipweek.documents",
    "ipweek.reporting",
    "ipweek.publishing",
    "ipweek.casework",
    "ipweek.portal",
    "ipweek.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ipweek.urls"
WSGI_APPLICATION = "ipweek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ipweek" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ipweek.core.context_processors.display",
                "ipweek.casework.context_processors.casework",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ipweek.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "campaigns:list"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ipweek" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Font roles of the official-document engine; see ipweek/documents/fonts.py.
IPWEEK_FONT_DIRS = [
    Path(p) for p in env_list("IPWEEK_FONT_DIRS", default=[str(VAR_DIR / "fonts" / "office"), str(VAR_DIR / "fonts")])
]
# Plan documents may not exceed this many characters of rich text per field.
IPWEEK_RICH_TEXT_MAX_CHARS = env_int("IPWEEK_RICH_TEXT_MAX_CHARS", default=20000)

# The site's public address, for links in e-mails sent outside a request (reminders).
IPWEEK_BASE_URL = env_str("IPWEEK_BASE_URL", "http://127.0.0.1:8000")

# E-mail: invitations and reminders. Without EMAIL_HOST, mail is written to var/mail/ (the demo needs no server).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ipweek@localhost")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# Seconds a public campaign page's change stamp is remembered (0: read it on every request).
IPWEEK_PORTAL_STAMP_SECONDS = env_int("IPWEEK_PORTAL_STAMP_SECONDS", default=1)
# Photos: largest upload accepted, and the long edge of the published copy.
IPWEEK_PHOTO_MAX_BYTES = env_int("IPWEEK_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
IPWEEK_PHOTO_PUBLISHED_EDGE = env_int("IPWEEK_PHOTO_PUBLISHED_EDGE", default=1600)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Casework: evidence files and other private uploads live here, never under MEDIA_ROOT.
IPWEEK_PRIVATE_ROOT = Path(env_str("IPWEEK_PRIVATE_ROOT", str(VAR_DIR / "private")))
# Personal data of complainants is blanked this many days after a case closes (`ipweek purge-personal-data`).
IPWEEK_CASE_RETENTION_DAYS = env_int("IPWEEK_CASE_RETENTION_DAYS", default=3 * 365)
# Public intake and tracking limits per client address: attempts per window (seconds). 0 turns a limit off.
IPWEEK_TRACK_RATE = env_int("IPWEEK_TRACK_RATE", default=10)
IPWEEK_INTAKE_RATE = env_int("IPWEEK_INTAKE_RATE", default=20)
IPWEEK_RATE_WINDOW = env_int("IPWEEK_RATE_WINDOW", default=900)
# Where notifications to complainants go: "console", "file" (var/notifications/) or a dotted path to a backend class.
IPWEEK_SMS_BACKEND = env_str("IPWEEK_SMS_BACKEND", "file")
