"""The embedded default: SQLite under var/, a filesystem Celery broker. Debug pages only when a developer
asks for them with DEBUG=true: the demo shows the GOV.UK error pages, never the URL patterns."""

from .base import *  # noqa: F401,F403
from .env import env_bool

DEBUG = env_bool("DEBUG", False)
