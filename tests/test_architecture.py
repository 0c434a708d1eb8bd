"""The rules of the house, checked on the source (issue 9; COMMON rules; docs/decisions/*-issue9-*.md).

1. Every model write lives in a service: `.save(`, `.create(`, `.update(`, `.delete(`, `bulk_create(` and
   `*_or_create(` appear in app code only inside `services.py` / `services/`, migrations, the demo loader
   (`demo/`) and tests.
2. No module over 400 lines, outside migrations and demo data.
3. Every module of views or API views reaches access through a `permissions` module or scoped selectors,
   and no view or template compares role strings.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "missions", "metrics", "sources", "councils", "spending", "accountability", "dashboards"]
WRITE = re.compile(r"\.(save|create|update|delete)\(|bulk_create\(|_or_create\(")

# (path, text on the line): kept tiny, each with its reason.
WRITE_ALLOWED = {
    # openpyxl's Workbook.save writes an .xlsx download into a buffer; no model is involved.
    ("metrics/downloads.py", "workbook.save(buffer)"),
    # The ORM engine of metrics.services.observation_import (SQLite; PostgreSQL uses COPY in ingest/pg.py),
    # called only from that service, inside its transaction.
    ("metrics/ingest/writer.py", "superseded_at__isnull=True).update("),
    ("metrics/ingest/writer.py", "Observation.objects.bulk_create("),
    # hashlib's digest.update hashes a request body in chunks; no model is involved.
    ("metrics/api/imports.py", "digest.update(chunk)"),
    # The period-approval service (issue 10, ADR 0018): approve and unlock, each with its audit row.
    ("metrics/approval_services.py", "approval.save()"),
    ("metrics/approval_services.py", "unlocked_at__isnull=True).update("),
    # The storage API removes a processed upload's file (not a model row; the Upload row stays).
    ("metrics/ingest/tasks.py", "default_storage.delete(name)"),
}
MAX_LINES = 400


def _app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _is_service(path: Path) -> bool:
    return path.name == "services.py" or "services" in path.parent.parts


def test_model_writes_only_in_services():
    offences = []
    for path in _app_modules():
        if _is_service(path):
            continue
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            code = line.split("#", 1)[0]
            if WRITE.search(code) and not any(rel == p and text in line for p, text in WRITE_ALLOWED):
                offences.append(f"{rel}:{number}: {line.strip()}")
    assert not offences, "Model writes outside a service:\n" + "\n".join(offences)


def test_the_write_allow_list_has_no_stale_entries():
    for rel, text in WRITE_ALLOWED:
        assert text in (ROOT / rel).read_text(), f"{rel} no longer contains {text!r}: drop it from the list"


def test_the_scan_catches_a_write():
    assert WRITE.search("Upload.objects.filter(pk=1).update(status='x')")
    assert WRITE.search("obj.save()") and WRITE.search("Token.objects.get_or_create(user=u)")
    assert not WRITE.search("updated_at = timezone.now()")


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "node_modules", "var", ".git"} or "migrations" in parts:
            continue
        yield path


def test_no_module_over_400_lines():
    long = []
    for path in _python_files():
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "demo" and "data" in rel.parts:
            continue
        count = len(path.read_text().splitlines())
        if count > MAX_LINES:
            long.append(f"{rel}: {count} lines")
    assert not long, "Split these into packages or smaller modules:\n" + "\n".join(long)


VIEW = re.compile(r"^def \w+\(request\b|^class \w+\([\w., ]*(View|ViewSet)\b", re.M)
RULES = re.compile(r"^from [\w.]*permissions import |^from [\w.]+ import [\w, ]*\bpermissions\b", re.M)
SCOPED = re.compile(r"^from [\w.]*selectors import ", re.M)


# Modules that take a request but are not views, and why they need no rule of their own.
NOT_VIEWS = {
    "metrics/views/context.py",  # assembles the page of a metric its calling view has already authorised
    "metrics/views/query.py",  # parses query parameters
    "missions/middleware.py",  # security headers, queue-down and session-limit answers; no access decisions
    "dashboards/context_processors.py",  # renders dashboards.navigation, whose entries the rules decide
    "spending/views/common.py",  # refusal, form and CSV helpers the spending views call after their rules
    "accountability/views/common.py",  # refusal and 409 helpers the views call after their rules
}


def _view_modules():
    """Modules in the apps that define a view or an API view."""
    for path in _app_modules():
        if path.relative_to(ROOT).as_posix() not in NOT_VIEWS and VIEW.search(path.read_text()):
            yield path


def test_every_view_module_reaches_access_through_the_policy_modules():
    """A view module names its rules (a `permissions` import) or reads through selectors scoped by `user=`;
    public pages read as an explicit anonymous audience."""
    missing = []
    for path in _view_modules():
        text = path.read_text()
        scoped = SCOPED.search(text) and re.search(r"\(user=|, user=", text)
        public = "AnonymousUser()" in text
        if not (RULES.search(text) or scoped or public):
            missing.append(path.relative_to(ROOT).as_posix())
    assert not missing, "These view modules decide access without the policy modules:\n" + "\n".join(missing)


def test_no_role_strings_compared_in_views_or_templates():
    role = re.compile(
        r"""has_role\([^)]*["'](centre|treasury|department|analyst|secretariat|accountability)["']"""
    )
    in_templates = re.compile(
        r"""["'](centre|treasury|department|analyst|secretariat|accountability)["']\s+in\s+user_roles"""
    )
    offences = []
    for path in _view_modules():
        if role.search(path.read_text()):
            offences.append(path.relative_to(ROOT).as_posix())
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if in_templates.search(path.read_text()) or "user_roles" in path.read_text():
            offences.append(path.relative_to(ROOT).as_posix())
    assert not offences, "Policy decided with role strings:\n" + "\n".join(offences)
