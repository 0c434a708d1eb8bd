"""Modelled impacts, sent as JSON rows or a CSV file, validated row by row with the same
{row, column, message} errors as observation uploads; any error writes nothing; `dry_run` writes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from metrics.ingest.validation import RowError
from metrics.models import Geography
from metrics.selectors import metrics_visible_to
from missions.services import audit_record
from spending.models import MAX_HORIZON, BusinessCase, ModelledImpact, Valuation

REQUIRED = ("metric", "year", "impact", "method")
OPTIONAL = ("geography", "evidence_rating", "probability", "evidence", "valuation", "valued_units")
MAX_ERRORS = 1000


@dataclass
class ImpactSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [e.as_dict() for e in self.errors[:MAX_ERRORS]],
            "error_count": len(self.errors),
            "dry_run": self.dry_run,
            "written": self.written,
        }


def read_csv(data: bytes) -> tuple[list[dict], list[RowError]]:
    """Rows of an impacts CSV (header = row 1), or the header's errors."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, "file", "The file is not UTF-8 text: save it as CSV UTF-8.")]
    reader = csv.DictReader(io.StringIO(text))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if not header:
        return [], [RowError(1, "file", "The file is empty: the first row must be the header.")]
    if missing:
        expected = ",".join(REQUIRED) + " (and optionally " + ",".join(OPTIONAL) + ")"
        return [], [
            RowError(1, c, f"The header has no '{c}' column; it must be {expected}.") for c in missing
        ]
    rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    return rows, []


def _decimal(row: dict, column: str, number: int, errors: list, *, required: bool = True) -> Decimal | None:
    raw = str(row.get(column) if row.get(column) is not None else "").strip()
    if raw == "":
        if required:
            errors.append(RowError(number, column, f"The {column} is missing."))
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        errors.append(RowError(number, column, f"'{raw}' is not a number."))
        return None
    if not value.is_finite():
        errors.append(RowError(number, column, f"'{raw}' is not a finite number."))
        return None
    return value


class _Lookups:
    def __init__(self, user):
        self.metrics = {m.slug: m for m in metrics_visible_to(user=user)}
        self.geographies = {g.code: g for g in Geography.objects.all()}
        self.valuations = {}
        for v in Valuation.objects.order_by("key", "-version"):
            self.valuations.setdefault(v.key, v)  # the latest version of each
        self.ratings = set(ModelledImpact.Evidence.values)


def _clean(row: Mapping, number: int, look: _Lookups, errors: list) -> dict | None:
    before = len(errors)
    slug = str(row.get("metric") or "").strip()
    metric = look.metrics.get(slug)
    if metric is None:
        errors.append(
            RowError(
                number,
                "metric",
                f"There is no metric '{slug}' you can see." if slug else "The metric is missing.",
            )
        )
    code = str(row.get("geography") or "").strip()
    geography = look.geographies.get(code) if code else (metric.default_geography if metric else None)
    if code and geography is None:
        errors.append(RowError(number, "geography", f"'{code}' is not a GSS code we know."))
    year = _decimal(row, "year", number, errors)
    if year is not None and (year != year.to_integral_value() or not 1 <= year <= MAX_HORIZON):
        errors.append(RowError(number, "year", f"The year must be a whole number from 1 to {MAX_HORIZON}."))
    impact = _decimal(row, "impact", number, errors)
    method = str(row.get("method") or "").strip()
    if not method:
        errors.append(RowError(number, "method", "Say how the impact was modelled."))
    probability = _decimal(row, "probability", number, errors, required=False)
    if probability is not None and not 0 <= probability <= 1:
        errors.append(RowError(number, "probability", "The probability must be between 0 and 1."))
    rating = str(row.get("evidence_rating") or "limited").strip().lower()
    if rating not in look.ratings:
        errors.append(RowError(number, "evidence_rating", f"Use one of: {', '.join(sorted(look.ratings))}."))
    key = str(row.get("valuation") or "").strip().lower()
    valuation = look.valuations.get(key) if key else None
    if key and valuation is None:
        errors.append(RowError(number, "valuation", f"There is no valuation '{key}' in the library."))
    units = _decimal(row, "valued_units", number, errors, required=bool(key))
    if len(errors) > before:
        return None
    return {
        "metric": metric,
        "geography": geography,
        "year": int(year),
        "impact": impact,
        "method": method,
        "evidence": str(row.get("evidence") or "").strip(),
        "evidence_rating": rating,
        "probability": probability if probability is not None else Decimal(1),
        "valuation": valuation,
        "valued_units": units if valuation else None,
    }


@transaction.atomic
def modelled_impact_import(
    *,
    case: BusinessCase,
    by,
    rows: Iterable[Mapping],
    dry_run: bool = False,
    first_row_number: int = 1,
    errors: list[RowError] | None = None,
) -> ImpactSummary:
    """Validate every row, then write all of them (create or update by case × metric × geography × year)
    or none. `errors` are problems found before the rows (a CSV header's)."""
    from spending.services.cases import S, TransitionNotAllowed, _lock

    case = _lock(case)
    if case.status not in (S.DRAFT, S.RETURNED):
        raise TransitionNotAllowed(f"A case that is {case.get_status_display().lower()} cannot be changed.")
    summary = ImpactSummary(dry_run=dry_run, errors=list(errors or []))
    look = _Lookups(by)
    clean, seen = [], set()
    for offset, row in enumerate(rows):
        number = first_row_number + offset
        if not isinstance(row, Mapping):
            summary.errors.append(RowError(number, "row", "Each row must be an object with named columns."))
            summary.rejected += 1
            continue
        fields = _clean(row, number, look, summary.errors)
        if fields is None:
            summary.rejected += 1
            continue
        key = (fields["metric"].pk, fields["geography"].pk, fields["year"])
        if key in seen:
            summary.errors.append(RowError(number, "year", "This metric, geography and year appear twice."))
            summary.rejected += 1
            continue
        seen.add(key)
        clean.append(fields)
    existing = {(i.metric_id, i.geography_id, i.year): i for i in ModelledImpact.objects.filter(case=case)}
    for fields in clean:
        old = existing.get((fields["metric"].pk, fields["geography"].pk, fields["year"]))
        if old is None:
            summary.created += 1
        elif all(getattr(old, k) == v for k, v in fields.items()):
            summary.unchanged += 1
        else:
            summary.updated += 1
    if summary.errors or dry_run:
        if summary.errors:
            summary.rejected += summary.created + summary.updated + summary.unchanged
            summary.created = summary.updated = summary.unchanged = 0
        return summary
    for fields in clean:
        key = (fields["metric"].pk, fields["geography"].pk, fields["year"])
        impact = existing.get(key) or ModelledImpact(case=case)
        for name, value in fields.items():
            setattr(impact, name, value)
        impact.full_clean()
        impact.save()
    summary.written = True
    audit_record(
        actor=by,
        action="business_case.impacts",
        obj=case,
        changes={"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged},
    )
    return summary
