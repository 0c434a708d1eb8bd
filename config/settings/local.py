"""The embedded default: SQLite under var/, a filesystem Celery broker, debug on."""

from .base import *  # noqa: F401,F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
