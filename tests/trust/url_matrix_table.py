"""THE table of expected answers for the role x URL matrix test (tests/trust/test_url_matrix.py).

One line per URL name:  "namespace:name": (world object for the URL's kwargs, "METHOD codes; METHOD codes")
Codes are given for the roles in this order (tests/trust/url_matrix.ROLES):

    anon  centre  treasury  dfe  secretariat  analyst  accountability

A code is exact (200, 302, 403, 404, 405, 409 ...), a class (2xx, 3xx, 4xx) or "-" (not checked for that
role). Methods a line does not list must be refused to every role (never 2xx, never 5xx). The world
object is a key of url_matrix.build_world(): metric, mission, department, council, meeting, action, pack,
case, letter, report, source, run, upload, approval — or None for URLs without kwargs. Admin URLs (non-staff
personas are sent to the admin sign-in) follow ADMIN_DEFAULT unless listed.

To add a URL from another branch: add its line here; if it needs a new kind of object, add it to
build_world(). `MATRIX_RECORD=1 pytest tests/trust/test_url_matrix.py -s` prints the observed answers in this
format, to audit line by line before pasting.
"""

ADMIN_DEFAULT = "GET 302 302 302 302 302 302 302"

# Audited 2026-11-30 (issue 10; period approvals: only the owner's analysts and the centre approve or unlock,
# everyone who sees the metric reads them); re-recorded and audited at the merge of issues 9, 11, 12, 14 and 15
# (the Treasury reads councils; roles that never act get 403, other departments 404; letters are public once
# published). POST to a read-only page renders it (200) and writes nothing.
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
    "api-metric-approvals": ("metric", "GET 200 200 200 200 200 200 200 ; POST 401 400 403 403 403 400 403"),
    "api-metric-approval-unlock": ("approval", "POST 401 400 403 403 403 400 403"),
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
    "api-meeting-agenda": ("meeting", "GET 401 200 200 404 200 403 403 ; POST 401 400 403 403 400 403 403"),
    "api-meeting-returns": ("meeting", "GET 401 200 200 404 200 403 403 ; POST 401 400 400 400 400 400 400"),
    "api-meeting-decisions": (
        "meeting",
        "GET 401 200 200 404 200 403 403 ; POST 401 400 403 403 400 403 403",
    ),
    "api-action": ("action", "PATCH 401 400 403 400 400 403 403"),
    "api-business-cases": (
        None,
        "GET 401 200 200 200 403 403 403 ; POST 401 403 403 400 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case": (
        "case",
        "GET 401 200 200 200 403 403 403 ; POST 401 405 405 405 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 403 403 409 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case-submit": (
        "case",
        "GET 401 405 405 405 403 403 403 ; POST 401 403 403 409 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case-sign-off": (
        "case",
        "GET 401 405 405 405 403 403 403 ; POST 401 403 403 403 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case-assess": (
        "case",
        "GET 401 405 405 405 403 403 403 ; POST 401 403 400 403 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case-decide": (
        "case",
        "GET 401 405 405 405 403 403 403 ; POST 401 403 400 403 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case-costs": (
        "case",
        "GET 401 200 200 200 403 403 403 ; POST 401 403 403 400 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "api-business-case-impacts": (
        "case",
        "GET 401 200 200 200 403 403 403 ; POST 401 403 403 400 403 403 403 ; PUT 401 405 405 405 403 403 403 ; PATCH 401 405 405 405 403 403 403 ; DELETE 401 405 405 405 403 403 403",
    ),
    "mandate-letter-list": (None, "GET 200 200 200 200 200 200 200"),
    "mandate-letter-detail": ("letter", "GET 404 200 200 200 404 200 404"),
    "report-list": (None, "GET 200 200 200 200 200 200 200"),
    "report-detail": ("report", "GET 200 200 200 200 200 200 200"),
    "recommendation-response": ("recommendation_api", "POST 401 403 403 400 403 403 403"),
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
    "councils:list": (None, "GET 302 200 200 403 200 403 403 ; POST 302 200 200 403 200 403 403"),
    "councils:mine": (None, "GET 302 403 403 200 403 403 403 ; POST 302 403 403 200 403 403 403"),
    "councils:actions": (None, "GET 302 200 200 403 200 403 403 ; POST 302 200 200 403 200 403 403"),
    "councils:action": ("action", "GET 302 200 200 200 200 200 404 ; POST 302 200 200 200 200 200 404"),
    "councils:action-status": (
        "action",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 403 302 302 403 403",
    ),
    "councils:meeting": ("meeting", "GET 302 200 200 404 200 404 404 ; POST 302 200 200 404 200 404 404"),
    "councils:action-create": (
        "meeting",
        "GET 302 200 403 404 200 404 404 ; POST 302 200 403 404 200 404 404",
    ),
    "councils:agenda": ("meeting", "GET 302 200 200 404 200 404 404 ; POST 302 200 403 403 200 403 403"),
    "councils:agenda-move": (
        "agenda_item",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 403 403 302 403 403",
    ),
    "councils:agenda-remove": (
        "agenda_item",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 403 403 302 403 403",
    ),
    "councils:return": ("meeting", "GET 302 404 404 404 404 404 404 ; POST 302 404 404 404 404 404 404"),
    "councils:return-request": (
        "meeting",
        "GET 302 200 403 403 200 403 403 ; POST 302 200 403 403 200 403 403",
    ),
    "councils:decision-create": (
        "meeting",
        "GET 302 200 403 403 200 403 403 ; POST 302 200 403 403 200 403 403",
    ),
    "councils:minutes": ("meeting", "GET 302 200 403 403 200 403 403 ; POST 302 200 403 403 200 403 403"),
    "councils:minutes-publish": (
        "meeting",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 403 403 302 403 403",
    ),
    "councils:pack-request": (
        "meeting",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 403 404 302 404 404",
    ),
    "councils:pack": ("pack", "GET 302 200 200 404 200 404 404 ; POST 302 200 200 404 200 404 404"),
    "councils:pack-status": ("pack", "GET 302 200 200 404 200 404 404 ; POST 302 200 200 404 200 404 404"),
    "councils:pack-pdf": ("pack", "GET 302 200 200 404 200 404 404 ; POST 302 200 200 404 200 404 404"),
    "councils:detail": ("council", "GET 302 200 200 404 200 404 404 ; POST 302 200 200 404 200 404 404"),
    "councils:confidence-csv": (
        "council",
        "GET 302 200 200 404 200 404 404 ; POST 302 200 200 404 200 404 404",
    ),
    "councils:meeting-create": (
        "council",
        "GET 302 200 403 404 200 404 404 ; POST 302 200 403 404 200 404 404",
    ),
    "spending:cases": (None, "GET 302 200 200 200 403 403 403 ; POST 302 200 200 200 403 403 403"),
    "spending:case-create": (None, "GET 302 403 403 200 403 403 403 ; POST 302 403 403 200 403 403 403"),
    "spending:case": ("case", "GET 302 200 200 200 403 403 403 ; POST 302 200 200 200 403 403 403"),
    "spending:case-edit": ("case", "GET 302 403 403 409 403 403 403 ; POST 302 403 403 409 403 403 403"),
    "spending:case-costs": ("case", "GET 302 403 403 409 403 403 403 ; POST 302 403 403 409 403 403 403"),
    "spending:case-impacts": ("case", "GET 302 403 403 409 403 403 403 ; POST 302 403 403 409 403 403 403"),
    "spending:case-sign-off": ("case", "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 403"),
    "spending:case-submit": ("case", "GET 302 405 405 405 405 405 405 ; POST 302 403 403 409 403 403 403"),
    "spending:case-assess": ("case", "GET 302 405 405 405 405 405 405 ; POST 302 403 400 403 403 403 403"),
    "spending:case-decide": ("case", "GET 302 405 405 405 405 405 405 ; POST 302 403 400 403 403 403 403"),
    "spending:reviews": (None, "GET 302 200 200 403 403 403 403 ; POST 302 200 200 403 403 403 403"),
    "spending:review": (
        "spending_review",
        "GET 302 200 200 403 403 403 403 ; POST 302 403 400 403 403 403 403",
    ),
    "spending:fiscal-events": (None, "GET 302 200 200 403 403 403 403 ; POST 302 403 400 403 403 403 403"),
    "spending:fiscal-event": (
        "fiscal_event",
        "GET 302 200 200 403 403 403 403 ; POST 302 403 400 403 403 403 403",
    ),
    "spending:mission-fund": (None, "GET 302 200 200 403 403 403 403 ; POST 302 403 400 403 403 403 403"),
    "spending:valuations": (None, "GET 302 200 200 200 403 403 403 ; POST 302 200 200 200 403 403 403"),
    "treasury:dashboard": (None, "GET 302 200 200 403 403 403 403 ; POST 302 200 200 403 403 403 403"),
    "treasury:register": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:hub": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:letters": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:letter-new": (None, "GET 302 200 403 403 403 403 403 ; POST 302 200 403 403 403 403 403"),
    "accountability:letter": ("letter", "GET 404 200 200 200 404 200 404 ; POST 404 200 200 200 404 200 404"),
    "accountability:letter-pdf": (
        "letter",
        "GET 404 200 200 200 404 200 404 ; POST 404 200 200 200 404 200 404",
    ),
    "accountability:commitment-add": (
        "letter",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 404 403 404",
    ),
    "accountability:letter-issue": (
        "letter",
        "GET 302 405 405 405 405 405 405 ; POST 302 409 403 403 404 403 404",
    ),
    "accountability:letter-publish": (
        "letter",
        "GET 302 405 405 405 405 405 405 ; POST 302 302 403 403 404 403 404",
    ),
    "accountability:review-new": (
        "letter",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 404 403 404",
    ),
    "accountability:commitment": (
        "commitment",
        "GET 404 200 200 200 404 200 404 ; POST 404 200 200 200 404 200 404",
    ),
    "accountability:commitment-status": (
        "commitment",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 400 404 403 404",
    ),
    "accountability:review": ("review", "GET 404 200 200 200 404 200 404 ; POST 404 200 200 200 404 200 404"),
    "accountability:review-sign-off": (
        "review",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 404 403 404",
    ),
    "accountability:bodies": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:body": ("body", "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:report-new": (
        "body",
        "GET 302 403 403 403 403 403 200 ; POST 302 403 403 403 403 403 200",
    ),
    "accountability:reports": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:report": ("report", "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:report-pdf": (
        "report",
        "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200",
    ),
    "accountability:report-edit": (
        "report",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 400",
    ),
    "accountability:judgement-set": (
        "report",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 400",
    ),
    "accountability:recommendation-add": (
        "report",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 400",
    ),
    "accountability:report-submit": (
        "report",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 409",
    ),
    "accountability:report-return": (
        "report",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 409",
    ),
    "accountability:report-lay": (
        "report",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 403 403 403 400",
    ),
    "accountability:recommendation": (
        "recommendation",
        "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200",
    ),
    "accountability:recommendation-respond": (
        "recommendation",
        "GET 302 405 405 405 405 405 405 ; POST 302 403 403 400 403 403 403",
    ),
    "accountability:recommendation-extend": (
        "recommendation",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 400 403 403 403",
    ),
    "accountability:overdue": (None, "GET 200 200 200 200 200 200 200 ; POST 200 200 200 200 200 200 200"),
    "accountability:frameworks": (None, "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "accountability:framework-new": (
        None,
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 403 403 403",
    ),
    "accountability:rationalisation": (
        None,
        "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200",
    ),
    "accountability:flow": (None, "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "accountability:flow-csv": (None, "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "accountability:framework": (
        "framework",
        "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200",
    ),
    "accountability:indicator-add": (
        "framework",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 403 403 403",
    ),
    "accountability:indicator-map": (
        "indicator",
        "GET 302 405 405 405 405 405 405 ; POST 302 200 403 403 403 403 403",
    ),
    "accountability:indicator-rationalise": (
        "indicator",
        "GET 302 405 405 405 405 405 405 ; POST 302 200 403 403 403 403 403",
    ),
    "metrics:detail": ("metric", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "metrics:csv": ("metric", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "metrics:xlsx": ("metric", "GET 302 200 200 200 200 200 200 ; POST 302 200 200 200 200 200 200"),
    "metrics:approve-period": (
        "metric",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 403 400 403",
    ),
    "metrics:unlock-period": (
        "approval",
        "GET 302 405 405 405 405 405 405 ; POST 302 400 403 403 403 400 403",
    ),
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
