"""THE table of expected answers for the role x URL matrix test (tests/trust/test_url_matrix.py).

One line per URL name:  "namespace:name": (world object for the URL's kwargs, "METHOD codes; METHOD codes")
Codes are given for the roles in this order (tests/trust/url_matrix.ROLES):

    anon  centre  treasury  dfe  secretariat  analyst  accountability

A code is exact (200, 302, 403, 404, 405, 409 ...), a class (2xx, 3xx, 4xx) or "-" (not checked for that
role). Methods a line does not list must be refused to every role (never 2xx, never 5xx). The world
object is a key of url_matrix.build_world(): metric, mission, department, council, meeting, action, pack,
case, letter, report, source, run, upload — or None for URLs without kwargs. Admin URLs (non-staff
personas are sent to the admin sign-in) follow ADMIN_DEFAULT unless listed.

To add a URL from another branch: add its line here; if it needs a new kind of object, add it to
build_world(). `MATRIX_RECORD=1 pytest tests/trust/test_url_matrix.py -s` prints the observed answers in this
format, to audit line by line before pasting.
"""

ADMIN_DEFAULT = "GET 302 302 302 302 302 302 302"

# Audited 2026-11-30 (issue 10). POST to a read-only page renders it (200) and writes nothing.
#   name                        object        METHOD anon centre treasury dfe secretariat analyst accountability
MATRIX: dict[str, tuple[str | None, str]] = {
    "admin:login": (None, "GET 200 200 200 200 200 200 200"),
    "api-observations": (
        None,
        "GET 401 405 403 403 403 405 403 ; POST 401 415 403 403 403 415 403 ; PUT 401 405 403 403 403 405 403 ; PATCH 401 405 403 403 403 405 403 ; DELETE 401 405 403 403 403 405 403",
    ),
    "api-uploads": (
        None,
        "GET 401 405 403 403 403 405 403 ; POST 401 400 403 403 403 400 403 ; PUT 401 405 403 403 403 405 403 ; PATCH 401 405 403 403 403 405 403 ; DELETE 401 405 403 403 403 405 403",
    ),
    "api-upload": (
        "upload",
        "GET 401 200 403 403 403 200 403 ; POST 401 405 403 403 403 405 403 ; PUT 401 405 403 403 403 405 403 ; PATCH 401 405 403 403 403 405 403 ; DELETE 401 405 403 403 403 405 403",
    ),
    "api-mission-list": (None, "GET 200 200 200 200 200 200 200"),
    "api-mission-detail": ("mission", "GET 200 200 200 200 200 200 200"),
    "api-metric-list": (None, "GET 200 200 200 200 200 200 200"),
    "api-metric-detail": ("metric", "GET 200 200 200 200 200 200 200"),
    "api-metric-observations": ("metric", "GET 200 200 200 200 200 200 200"),
    "api-sources": (
        None,
        "GET 401 200 403 403 403 200 403 ; POST 401 400 403 403 403 400 403 ; PUT 401 405 403 403 403 405 403 ; PATCH 401 405 403 403 403 405 403 ; DELETE 401 405 403 403 403 405 403",
    ),
    "api-source-pull": (
        "source",
        "GET 401 405 403 403 403 405 403 ; POST 401 202 403 403 403 202 403 ; PUT 401 405 403 403 403 405 403 ; PATCH 401 405 403 403 403 405 403 ; DELETE 401 405 403 403 403 405 403",
    ),
    "api-source-runs": (
        "source",
        "GET 401 200 403 403 403 200 403 ; POST 401 405 403 403 403 405 403 ; PUT 401 405 403 403 403 405 403 ; PATCH 401 405 403 403 403 405 403 ; DELETE 401 405 403 403 403 405 403",
    ),
    "api-schema": (None, "GET 200 200 200 200 200 200 200"),
    "api-docs": (None, "GET 200 200 200 200 200 200 200"),
    "api-redoc": (None, "GET 200 200 200 200 200 200 200"),
    "account:tokens": (None, "GET 302 200 403 403 403 200 403 ; POST 302 302 403 403 403 302 403"),
    "uploads:start": (None, "GET 302 200 403 403 403 200 403 ; POST 302 400 403 403 403 400 403"),
    "uploads:detail": ("upload", "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "uploads:confirm": ("upload", "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 302 403"),
    "uploads:template": ("metric", "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "sources:list": (None, "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "sources:add": (None, "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "sources:detail": ("source", "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "sources:edit": ("source", "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "sources:pull": ("source", "GET 302 405 405 405 405 405 405 ; POST 302 302 403 403 403 302 403"),
    "sources:run": ("run", "GET 302 200 403 403 403 200 403 ; POST 302 200 403 403 403 200 403"),
    "councils:list": (None, "GET 302 200 403 403 200 403 403 ; POST 302 200 403 403 200 403 403"),
    "councils:actions": (None, "GET 302 200 403 403 200 403 403 ; POST 302 200 403 403 200 403 403"),
    "councils:action-status": (
        "action",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 404 404 302 404 404",
    ),
    "councils:meeting": ("meeting", "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404"),
    "councils:action-create": (
        "meeting",
        "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404",
    ),
    "councils:pack-request": (
        "meeting",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 404 404 302 404 404",
    ),
    "councils:pack": ("pack", "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404"),
    "councils:pack-status": ("pack", "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404"),
    "councils:pack-pdf": ("pack", "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404"),
    "councils:detail": ("council", "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404"),
    "councils:meeting-create": (
        "council",
        "GET 302 200 404 404 200 404 404 ; POST 302 200 404 404 200 404 404",
    ),
    "spending:cases": (None, "GET 302 200 200 200 403 403 403 ; POST 302 200 200 200 403 403 403"),
    "spending:case": ("case", "GET 302 200 200 200 403 403 403 ; POST 302 200 200 200 403 403 403"),
    "accountability:letter": ("letter", "GET 302 200 200 200 404 200 404 ; POST 302 200 200 200 404 200 404"),
    "accountability:report": ("report", "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "metrics:detail": ("metric", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "metrics:csv": ("metric", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "metrics:xlsx": ("metric", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "metrics:public-open-data": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "metrics:public-detail": ("metric", "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "metrics:public-csv": ("metric", "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "metrics:public-xlsx": ("metric", "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "missions:home": (None, "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "missions:login": (None, "GET 200 302 302 302 302 302 302 ; POST 200 302 302 302 302 302 302"),
    "missions:logout": (None, "POST 302 302 302 302 302 302 302"),
    "missions:after-sign-in": (None, "GET 302 302 302 302 302 302 302 ; POST 302 302 302 302 302 302 302"),
    "missions:detail": ("mission", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "missions:department": (
        "department",
        "GET 302 200 200 200 403 200 403 ; POST 302 200 200 200 403 200 403",
    ),
    "missions:public-home": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "missions:public-mission": (
        "mission",
        "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200",
    ),
    "missions:accessibility": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
}
