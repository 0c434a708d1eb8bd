"""Production: PostgreSQL, Redis, secure cookies. Refuses to start without its secrets."""

from .base import *  # noqa: F401,F403
from .base import STORAGES
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this site is served on.")

PULL_ALLOWED_HOSTS = env_list(
    "PULL_ALLOWED_HOSTS",
    ["api.beta.ons.gov.uk", "www.ons.gov.uk", "www.nomisweb.co.uk", "sdmx.oecd.org", "ourworldindata.org"],
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
# Rate-limit counters shared by every web process (missions.throttling lets requests through if it is down).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", env_str("REDIS_URL", "redis://127.0.0.1:6379/1")),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
STATUS_CACHE_SECONDS = env_int("STATUS_CACHE_SECONDS", 300)  # the cache above is shared: safe to use
DEMO_DATA_ALLOWED = False  # load_demo and create_demo_users refuse (they reset accounts to a known password)
