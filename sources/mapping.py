"""Turn a connector's SourceRows into the rows `observation_import` takes: metric slug, period text the
period parser reads, a GSS geography code and the value times the source's scale factor."""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.utils import timezone

from metrics.models import VALUE_DECIMALS, Observation
from metrics.periods import PeriodError, parse_period
from sources.connectors import SUPPRESSED, SourceRow
from sources.models import DataSource

log = logging.getLogger(__name__)

#: Options a source may hold beyond its connector's: they steer the pull, not the parser.
PULL_OPTIONS = {
    "projections": "'reject' (default): a release with future periods is refused whole; 'drop': keep the "
    "published past and leave out the future periods (projections, forecasts).",
}
#: A double carries 15-17 significant digits; a figure written with more digits than we store decimals and
#: at least this many significant digits is a float printed in full (0.060830649445355024), not a
#: measurement that precise.
FLOAT_DIGITS = 16

GSS_CODE = re.compile(r"^[EKNSW][0-9]{8}$")
_MON_YY = re.compile(r"^([A-Za-z]{3})-(\d{2})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def period_text(period: str) -> str:
    """ONS CMD labels such as 'Mar-18' become '2018-03'; every other form is left to the period parser."""
    match = _MON_YY.match(period.strip())
    if match and match.group(1).lower() in _MONTHS:
        yy = int(match.group(2))
        year = 1900 + yy if yy >= 50 else 2000 + yy  # ONS CMD series start after 1950
        return f"{year}-{_MONTHS.index(match.group(1).lower()) + 1:02d}"
    return period


def geography_code(source: DataSource, published: str | None) -> str | None:
    """The GSS code a row belongs to, or None when the source's map leaves this geography out.

    With no map, a row without a geography takes the source's default and a GSS code passes through (an
    unknown one is then reported by the import). With a map, only the mapped geographies are kept: the map
    is how a source that publishes many areas (OWID, Nomis) is narrowed to the ones the metric holds.
    """
    default = source.geography.code
    mapping = source.geography_map or {}
    if published is None:
        return default
    if mapping:
        for key in (published, published.upper(), published.casefold()):
            if key in mapping:
                return str(mapping[key]).strip().upper()
        lowered = {str(k).casefold(): v for k, v in mapping.items()}
        found = lowered.get(published.casefold())
        return str(found).strip().upper() if found is not None else None
    return published.upper() if GSS_CODE.match(published.upper()) else published


def scaled(value: str | None, factor: Decimal) -> str | None:
    if value is None or factor == 1:
        return value
    try:
        return f"{(Decimal(value) * factor).normalize():f}"
    except InvalidOperation:
        return value  # the import reports it as not a number, naming the row


def float_artefact(value: str | None) -> tuple[str | None, str]:
    """A float printed in full (more decimals than we store, 16+ significant digits) rounded to the stored
    decimals, with a note keeping the published text; any other value unchanged. Digits past a double's
    precision carry no information, so this rounds nothing the publisher measured."""
    try:
        number = Decimal(value) if value is not None else None
    except InvalidOperation:
        return value, ""
    if number is None or not number.is_finite():
        return value, ""
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or -exponent <= VALUE_DECIMALS:
        return value, ""
    if len(number.normalize().as_tuple().digits) < FLOAT_DIGITS:
        return value, ""  # genuinely tiny and precise: let the import say it cannot be stored
    rounded = number.quantize(Decimal(1).scaleb(-VALUE_DECIMALS), rounding=ROUND_HALF_EVEN).normalize()
    return (
        f"{rounded:f}",
        f"Published as {value} (a float printed in full); stored to {VALUE_DECIMALS} decimals",
    )


def options_for_parser(options: dict) -> dict:
    """The source's options without the pull's own (PULL_OPTIONS), for the connector."""
    return {k: v for k, v in (options or {}).items() if k not in PULL_OPTIONS}


def _future(source: DataSource, period: str, today: date) -> bool:
    metric = source.metric
    try:
        return parse_period(period, metric.frequency, span=metric.period_span).start > today
    except PeriodError:
        return False  # the import names the row and says why


def import_rows(source: DataSource, rows: list[SourceRow]) -> list[dict]:
    factor = Decimal(source.scale_factor)
    drop_future = str((source.options or {}).get("projections", "reject")).strip().lower() == "drop"
    today = timezone.localdate()
    out, dropped = [], 0
    for row in rows:
        geography = geography_code(source, row.geography)
        if geography is None:
            continue
        period = period_text(row.period)
        if drop_future and _future(source, period, today):
            dropped += 1
            continue
        suppressed = row.status == SUPPRESSED or row.value is None
        value, note = ("", "") if suppressed else float_artefact(scaled(row.value, factor))
        out.append(
            {
                "metric": source.metric.slug,
                "period": period,
                "geography": geography,
                "value": value,
                "status": Observation.Status.SUPPRESSED if suppressed else Observation.Status.FINAL,
                "note": "; ".join(n for n in (row.note, note) if n)[:500],
            }
        )
    if dropped:
        log.info("Source %s: %s future periods (projections) left out", source.pk, dropped)
    return out
