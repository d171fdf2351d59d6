"""All WIO settings. Deploy-specific values come from the environment (see .env.example).

dev.py and test.py only set defaults before importing this module; nothing exists only in production.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "wio.accounts",
    "wio.audit",
    "wio.portal",
    "wio.submissions",
    "wio.outbox",
    "wio.api",
    "cases",
    "moreelberaad",
    "monitor",
    "wio.apps.WioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "django.forms",  # the widget templates, for FORM_RENDERER below
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wio.accounts.middleware.SessionLifetimeMiddleware",
    "wio.accounts.middleware.RequireMfaMiddleware",
    "wio.accounts.cache_outage.CacheOutageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wio.portal.middleware.NoStoreMiddleware",
    "wio.audit.middleware.AuditDeniedMiddleware",
    "wio.audit.middleware.AuditReadMiddleware",
]

ROOT_URLCONF = "wio.urls"
WSGI_APPLICATION = "wio.wsgi.application"

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
                "csp.context_processors.nonce",
                "wio.portal.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# The embedded default is a SQLite file under var/; PostgreSQL whenever DATABASE_URL is set.
VAR_DIR = Path(env.str("WIO_VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wio.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each web and worker process keeps its connection between requests (ADR 0029): a new PostgreSQL
# connection forks a backend whose catalogue caches start cold, which cost every page several ms.
# The health check replaces a connection that died (database restarted) before the request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# On PostgreSQL the parameters travel apart from the SQL (server-side binding), so psycopg can prepare
# a statement the connection has run 5 times and PostgreSQL plans it once, not on every page (ADR 0031):
# the case page's query alone spent 1 ms of its 1.4 ms in the planner.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DB_PREPARED_STATEMENTS", default=True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
# On PostgreSQL in production the app connects as a role that owns nothing, and `migrate` runs as the
# owner of the tables, which then grants this role what the app needs: SELECT and INSERT only on the
# audit table (wio/audit/db_roles.py, docs/decisions/0009-database-roles.md). Empty: one role (demo, tests).
WIO_DB_APP_ROLE = env.str("WIO_DB_APP_ROLE", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://wio"),
}
# A cache that is down must answer at once (the sign-in pages then say so, cache_outage.py), not hang.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 2, "socket_timeout": 2})
# Login rate limits and used TOTP codes live in the cache, so with DEBUG off a per-process (locmem)
# cache is refused (wio/accounts/checks.py) unless WIO runs as one process: the embedded demo, tests.
WIO_SINGLE_PROCESS = env.bool("WIO_SINGLE_PROCESS", default=False)

# --- Authentication -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "wio.accounts.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "wio.accounts.password_validation.RepeatedCharacterValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:start"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "wio.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Confirming access takes the password or a second factor, never a code sent by e-mail (allauth >= 65.22
# offers that by default): a mailbox is a weaker factor than either.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins: per source over all accounts (ip), and per account *and* source (key: AccountAdapter
# puts the client address in it), so wrong passwords lock the source, not the owner (issue 9). The same
# limit keeps allauth's 5 TOTP codes in 5 minutes per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("WIO_LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WIO] "
# allauth reads the client address from this header only when a proxy count is configured.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("WIO_TRUSTED_PROXY_COUNT", default=0)
# Over all sources together an account is slowed down, never locked: from this many failed passwords
# in the window on, every attempt waits 1, 2, 4 ... up to the maximum seconds after the latest failure
# (wio/accounts/login_throttle.py).
WIO_LOGIN_DELAY_AFTER_FAILURES = env.int("WIO_LOGIN_DELAY_AFTER_FAILURES", default=10)
WIO_LOGIN_DELAY_WINDOW_MINUTES = env.int("WIO_LOGIN_DELAY_WINDOW_MINUTES", default=60)
WIO_LOGIN_DELAY_MAX_SECONDS = env.int("WIO_LOGIN_DELAY_MAX_SECONDS", default=60)

# Single sign-on per organisation (ADR 0032): one allauth app per provider, tied to its organisation by
# accounts.OrganisationSignOn. Nobody is created by a sign-in; it links to an existing member.
SOCIALACCOUNT_ADAPTER = "wio.accounts.sso_adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # WIO links by verified address *and* membership itself
SOCIALACCOUNT_STORE_TOKENS = False  # WIO calls no provider API; tokens are never kept
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = "oidc"
# PKCE on every authorisation request, also for confidential clients (OAuth 2.1, and providers such as
# oidc-provider require it).
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
# The sessions of a user who signs in through their organisation end when they did not do so for this
# many days (wio.accounts.tasks.end_idle_sign_on_sessions): the provider decides who may still work.
WIO_SSO_MAX_DAYS_WITHOUT_SIGN_IN = env.int("WIO_SSO_MAX_DAYS_WITHOUT_SIGN_IN", default=7)

MFA_ADAPTER = "wio.accounts.adapters.MfaAdapter"
# Fernet keys for TOTP secrets at rest, newest first; empty: derived from SECRET_KEY.
WIO_MFA_ENCRYPTION_KEYS = env.list("WIO_MFA_ENCRYPTION_KEYS", default=[])
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "WIO"
# One 30-second step of drift either way: a code typed as it rolls over is still accepted (used
# codes stay single-use through the cache).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# Wrong codes per account in 24 hours, on top of allauth's 5 in 5 minutes; then every code is refused.
WIO_MFA_DAILY_FAILURE_LIMIT = env.int("WIO_MFA_DAILY_FAILURE_LIMIT", default=20)
MFA_FORMS = {
    "authenticate": "wio.accounts.login_throttle.AuthenticateForm",
    "reauthenticate": "wio.accounts.login_throttle.ReauthenticateForm",
}
# An account without an authenticator is deactivated this long after its creation (or an administrator
# opening enrolment again): until then its password alone protects it (wio/accounts/tasks.py).
WIO_UNENROLLED_ACCOUNT_HOURS = env.int("WIO_UNENROLLED_ACCOUNT_HOURS", default=72)
# A new user's invitation link (wio.accounts.invitations) is valid as long as the account may stay
# unenrolled; self-service password-reset links share the setting.
PASSWORD_RESET_TIMEOUT = WIO_UNENROLLED_ACCOUNT_HOURS * 3600

# Idle timeout: the cookie age, moved on by activity at most once a minute (ADR 0026). Absolute
# lifetime: SessionLifetimeMiddleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("WIO_SESSION_IDLE_TIMEOUT_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = False  # the idle window slides once a minute instead (ADR 0026)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
WIO_SESSION_ABSOLUTE_LIFETIME_SECONDS = env.int("WIO_SESSION_ABSOLUTE_HOURS", default=10) * 3600

# --- Security headers (HDR-1..8) ------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
# The __Host- prefix is only accepted by browsers on Secure cookies, so plain-http dev uses plain names.
SESSION_COOKIE_NAME = "__Host-sessionid" if _SECURE_COOKIES else "wio_sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if _SECURE_COOKIES else "wio_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- API (wio.api, ADR 0033) ------------------------------------------------------------------------
# Bearer tokens of API clients only (OAuth2 client credentials, one client per organisation's system);
# no session authentication, so no browser session reaches the API (AUTH-1).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["wio.api.authentication.ApiClientAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "oauth2_provider.contrib.rest_framework.TokenHasReadWriteScope",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["wio.api.parsers.JsonParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env.str("WIO_API_RATE_LIMIT", default="600/minute")},
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "wio.api.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Token requests per source address per minute, before 429 (wio.api.token_view).
WIO_API_TOKEN_RATE_LIMIT = env.int("WIO_API_TOKEN_RATE_LIMIT", default=30)
# django-oauth-toolkit's models are swappable; a migration that points at one needs the names set.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "wio.api.oauth.ClientScopes",
    "OAUTH2_VALIDATOR_CLASS": "wio.api.oauth.ClientValidator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("WIO_API_TOKEN_SECONDS", default=3600),
    # RFC 9700 (OAuth 2.0 Security BCP) throughout, ahead of django-oauth-toolkit 4.0's defaults: tokens
    # stored as hashes, never accepted in a URL, no implicit or password grant, https redirects only.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
# The schema and its documentation page are for signed-in users and API clients, not the public
# internet (HDR-8: no public API documentation in production).
SPECTACULAR_SETTINGS = {
    "TITLE": "WIO API",
    "DESCRIPTION": (
        "De API van WIO voor leerplichtpakketten en ministeries: casussen en hun regels lezen, "
        "aanmaken en wijzigen met dezelfde controles als de schermen, en de gepubliceerde "
        "monitortabellen per peildatum. Authenticatie: OAuth2 client credentials "
        "(POST /api/oauth/token/), per organisatie uitgegeven door de functioneel beheerder."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [
        "wio.api.authentication.ApiClientAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No deep links: Swagger puts them inside each operation's button (nested controls, WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "defaultModelsExpandDepth": 0},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wio.api.schema.document_common_responses",
    ],
}

SECURITY_TXT_CONTACT = env.str("WIO_SECURITY_CONTACT", default="mailto:security@wio.example.nl")
SECURITY_TXT_EXPIRES_DAYS = 365

# --- Internationalisation -------------------------------------------------------------------------
# Always Dutch: no LocaleMiddleware, so an English browser still gets the Dutch UI.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files never live under a public URL: they are served by authorised views only.
PRIVATE_MEDIA_ROOT = Path(env.str("WIO_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# The largest file a user may attach to a case, in bytes (10 MB).
WIO_ATTACHMENT_MAX_BYTES = env.int("WIO_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

# Widgets render through the project's templates, so templates/django/forms/ can say "Kies…" for an
# empty choice instead of Django's "---------".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
CRISPY_FAIL_SILENTLY = not DEBUG

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WIO <noreply@wio.example.nl>")
# Where WIO is reached, for links in e-mail sent by background tasks (they have no request).
WIO_BASE_URL = env.str("WIO_BASE_URL", default="http://127.0.0.1:8000")

# --- Celery ---------------------------------------------------------------------------------------
# Without a broker (the embedded demo) tasks run inline; tests never run eagerly.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Chosen together (ADR 0013). A job that no longer makes progress is re-dispatched by the outbox once
# its lease runs out (WIO_OUTBOX_LEASE_SECONDS, renewed at every progress step); the worker kills a
# task after CELERY_TASK_TIME_LIMIT; Redis hands an unacknowledged message out again only after the
# visibility timeout, longer than the time limit, so a task still running is never run twice by
# Redis, and a late redelivery finds its job taken or done.
WIO_OUTBOX_LEASE_SECONDS = env.int("WIO_OUTBOX_LEASE_SECONDS", default=180)
WIO_OUTBOX_SWEEP_SECONDS = env.int("WIO_OUTBOX_SWEEP_SECONDS", default=60)
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TASK_TIME_LIMIT = 600
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 1200}
# A request hands its jobs over after the commit: with the broker down it must fail fast (the job
# stays pending), not hang the user's page for the default retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING below (and its redacting formatter), not a root logger of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        "task": "wio.outbox.sweep",
        "schedule": WIO_OUTBOX_SWEEP_SECONDS,
    },
    "outbox-purge": {
        "task": "wio.outbox.purge",
        "schedule": 24 * 3600,
    },
    "audit-retention-purge": {
        "task": "wio.audit.tasks.purge_expired_audit_events",
        "schedule": 24 * 3600,
    },
    "monitor-withdraw-unconsented-stories": {
        "task": "monitor.stories.tasks.withdraw_unconsented_stories",
        "schedule": 24 * 3600,
    },
    "submissions-purge": {
        "task": "wio.submissions.tasks.purge_old_submissions",
        "schedule": 24 * 3600,
    },
    "accounts-expire-unenrolled": {
        "task": "wio.accounts.tasks.expire_unenrolled_accounts",
        "schedule": 3600,
    },
    "accounts-end-idle-sign-on-sessions": {
        "task": "wio.accounts.tasks.end_idle_sign_on_sessions",
        "schedule": 3600,
    },
    "cases-destruction-lists": {
        "task": "cases.tasks.list_cases_due_for_destruction",
        "schedule": crontab(minute=30, hour=2),
    },
    "cases-purge-abandoned-imports": {
        "task": "cases.tasks.purge_abandoned_imports",
        "schedule": crontab(minute=45, hour=2),
    },
    "cases-weekly-digest": {
        "task": "cases.tasks.send_weekly_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),  # CELERY_TIMEZONE: Europe/Amsterdam
    },
}

# --- Audit ----------------------------------------------------------------------------------------
# LOG-6: five years from the moment an event is written (Koppeltaal / art. 3:310 BW).
WIO_AUDIT_RETENTION_DAYS = env.int("WIO_AUDIT_RETENTION_DAYS", default=5 * 365)
# Default retention of a closed case file, per municipality overridable (ADR on the Selectielijst).
WIO_RETENTION_YEARS = env.int("WIO_RETENTION_YEARS", default=5)
WIO_SUPPRESSION_K = env.int("WIO_SUPPRESSION_K", default=5)  # SDC-1: counts 1..k-1 shown as "<k"
# ADR 0017: counts are published only for the end of each "month" or "quarter".
WIO_REPORTING_PERIOD = env.str("WIO_REPORTING_PERIOD", default="month")

# --- Logging: never request bodies, passwords, tokens or health details ---------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The redacting formatter keeps names held in model reprs out of every line (wio/log_redaction.py).
    "formatters": {
        "plain": {
            "()": "wio.log_redaction.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    # The filter redacts the record itself, so handlers that join later (Sentry, pytest) get it clean.
    "filters": {"redact": {"()": "wio.log_redaction.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools narrate every rendering step at INFO: noise, not operations data.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
