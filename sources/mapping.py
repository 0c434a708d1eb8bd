"""Turn a connector's SourceRows into the rows `observation_import` takes: metric slug, period text the
period parser reads, a GSS geography code and the value times the source's scale factor."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from metrics.models import Observation
from sources.connectors import SUPPRESSED, SourceRow
from sources.models import DataSource

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


def import_rows(source: DataSource, rows: list[SourceRow]) -> list[dict]:
    factor = Decimal(source.scale_factor)
    out = []
    for row in rows:
        geography = geography_code(source, row.geography)
        if geography is None:
            continue
        suppressed = row.status == SUPPRESSED or row.value is None
        out.append(
            {
                "metric": source.metric.slug,
                "period": period_text(row.period),
                "geography": geography,
                "value": "" if suppressed else scaled(row.value, factor),
                "status": Observation.Status.SUPPRESSED if suppressed else Observation.Status.FINAL,
                "note": row.note[:500],
            }
        )
    return out
