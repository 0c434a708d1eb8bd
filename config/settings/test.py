"""Test settings: fast hashing, in-memory email, eager Celery unless a test starts a real worker."""

from .base import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
PULL_ALLOWED_HOSTS = ["*"]
# The suite makes thousands of API calls from one address: the throttling tests set their own low rates.
API_THROTTLE_RATES = {"anon": "100000/min", "user": "100000/min"}
API_BAD_TOKEN_LIMIT = 100000

# A second alias that mirrors the test database, so the replica router is tested (tests/config/); the
# router itself is switched on only by the tests that exercise it.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# The status cache is on in tests (one process, so the in-memory cache is shared); tests/conftest.py
# clears it before each test, since ids are reused between tests.
STATUS_CACHE_SECONDS = 300
