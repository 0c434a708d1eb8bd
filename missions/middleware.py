"""Site-wide answers that no single view should have to remember."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from missions.queue import QueueUnavailable


class QueueUnavailableMiddleware:
    """The queue (Redis) is down: 503 with a plain message — JSON in the API's error shape, a GOV.UK page
    elsewhere — instead of a 500 after a long hang (issue 10, item 9)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, QueueUnavailable):
            return None
        if request.path.startswith("/api/"):
            body = {"detail": exception.message, "code": "queue_unavailable", "errors": []}
            response = JsonResponse(body, status=503)
        else:
            response = render(request, "503.html", {"message": exception.message}, status=503)
        response["Retry-After"] = "60"
        return response


class DatabaseUnavailableMiddleware:
    """The database is away (restarting, failing over): 503 with Retry-After — JSON in the API's error shape,
    a GOV.UK page elsewhere — instead of a 500. Django drops the broken connection at the end of the request
    and CONN_HEALTH_CHECKS makes the next one reconnect, so service resumes as soon as the database does."""

    MESSAGE = "The service is busy or restarting. Try again in a minute."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if request.path.startswith("/api/"):
            body = {"detail": self.MESSAGE, "code": "database_unavailable", "errors": []}
            response = JsonResponse(body, status=503)
        else:
            response = render(request, "503.html", {"message": self.MESSAGE}, status=503)
        response["Retry-After"] = "30"
        return response


class RequestSizeMiddleware:
    """A request whose Content-Length is over MAX_UPLOAD_BYTES is refused with 413 from the header alone:
    before CSRF (which reads a POST body for its token), before any view, so no worker waits for a body it
    would refuse. JSON in the API's error shape, a GOV.UK page elsewhere. A body sent without a length
    (chunked) is bounded by Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE and the WSGI server)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.limit = settings.MAX_UPLOAD_BYTES

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= self.limit:
            return self.get_response(request)
        message = f"The selected file must be smaller than {self.limit // (1024 * 1024)} MB"
        if request.path.startswith("/api/"):
            detail = f"The request is {length:,} bytes; the limit is {self.limit // (1024 * 1024)} MB."
            response = JsonResponse({"detail": detail, "code": "too_large", "errors": []}, status=413)
        else:
            from django.contrib.auth.models import AnonymousUser

            request.user = AnonymousUser()  # authentication has not run yet: the page without navigation
            response = render(request, "413.html", {"message": message}, status=413)
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (settings CONTENT_SECURITY_POLICY,
    PERMISSIONS_POLICY); a view that sets its own keeps it."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.csp = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        # Swagger UI and ReDoc start themselves with an inline script: only their two pages allow it.
        self.docs_csp = self.csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        self.permissions = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp and "Content-Security-Policy" not in response:
            docs = request.path in ("/api/v1/docs/", "/api/v1/redoc/")
            response["Content-Security-Policy"] = self.docs_csp if docs else self.csp
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response


class SessionLimitMiddleware:
    """Idle timeout comes from SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST; this adds the absolute
    limit (SESSION_ABSOLUTE_SECONDS after signing in), after which the user signs in again."""

    KEY = "signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.conf import settings
        from django.contrib.auth import logout

        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(self.KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class PageMethodsMiddleware:
    """Pages are HTML forms: only GET, HEAD and POST reach them (405 otherwise); the API under /api/ keeps
    its own methods. Found by the role x URL matrix: read-only pages answered 200 to DELETE."""

    ALLOWED = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseNotAllowed

        if request.method not in self.ALLOWED and not request.path.startswith("/api/"):
            return HttpResponseNotAllowed(["GET", "POST"])
        return self.get_response(request)


def api_aware_page_not_found(request, exception=None):
    """handler404: under /api/ a JSON error in the stable shape; elsewhere the GOV.UK page."""
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        body = {"detail": "Not found.", "code": "not_found", "errors": []}
        return JsonResponse(body, status=404)
    return page_not_found(request, exception)


def api_aware_server_error(request):
    """handler500: under /api/ a JSON error; elsewhere the GOV.UK page (no traceback for anyone)."""
    from django.views.defaults import server_error

    if request.path.startswith("/api/"):
        body = {"detail": "Sorry, there is a problem with the service.", "code": "server_error", "errors": []}
        return JsonResponse(body, status=500)
    return server_error(request)
