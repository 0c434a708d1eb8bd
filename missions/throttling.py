"""API rate limits (429, never 500) and a brake on guessed tokens, per address.

Rates come from settings.API_THROTTLE_RATES at request time (so tests and operators can change them), and
the counters live in the default cache. If the cache is unreachable the request is let through: a broken
counter must not take the API down with it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

log = logging.getLogger(__name__)


class _SettingsRate:
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache (Redis in production) is down: do not turn that into a 500
            log.warning("API throttle: the cache is unreachable; request allowed", exc_info=True)
            return True


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    pass


class UserThrottle(_SettingsRate, UserRateThrottle):
    pass


class GuardedTokenAuthentication(TokenAuthentication):
    """Token authentication that counts failures per address: after API_BAD_TOKEN_LIMIT in
    API_BAD_TOKEN_WINDOW seconds the address gets 429 until the window passes."""

    def authenticate(self, request):
        key = f"bad-token:{request.META.get('REMOTE_ADDR', '')}"
        limit, window = settings.API_BAD_TOKEN_LIMIT, settings.API_BAD_TOKEN_WINDOW
        if _count(key) >= limit:
            raise Throttled(wait=window, detail="Too many requests with a wrong token from this address.")
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            _bump(key, window)
            raise


def _count(key: str) -> int:
    try:
        return int(cache.get(key) or 0)
    except Exception:
        return 0


def _bump(key: str, window: int) -> None:
    try:
        if not cache.add(key, 1, timeout=window):
            cache.incr(key)
    except Exception:
        log.warning("API bad-token counter: the cache is unreachable", exc_info=True)
