"""Data downloads (CSV and XLSX) of a metric's figures, as known at a moment.

Text cells that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) are
neutralised with a leading apostrophe (OWASP "CSV injection"); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

from metrics.models import Metric, Observation
from metrics.selectors import observations_as_of
from metrics.vintages import current_at

HEADER = [
    "metric",
    "period",
    "geography",
    "geography_name",
    "value",
    "unit",
    "status",
    "revision",
    "recorded_at",
    "note",
    "source",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text cell a spreadsheet would evaluate gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(metric: Metric, *, as_of: datetime | None = None) -> Iterator[list]:
    """Every figure of the metric, all geographies, as it was known at `as_of` (now when None)."""
    qs = (
        observations_as_of(metric=metric, as_of=as_of)
        .select_related("geography")
        .order_by("geography__code", "period_start")
    )
    for o in qs.iterator(chunk_size=2000):
        yield _row(metric, o)


def _row(metric: Metric, o) -> list:
    cells = [
        metric.slug,
        metric.period_label(o.period_start),
        o.geography.code,
        o.geography.name,
        _number(o.value),
        metric.unit,
        o.status,
        o.revision,
        o.recorded_at.isoformat(timespec="seconds"),
        o.note,
        metric.source,
    ]
    return [neutralise(cell) for cell in cells]


def _number(value: Decimal | None) -> Decimal | None:
    """67.2 rather than 67.20000000000000000, and never 1E+2."""
    if value is None:
        return None
    return Decimal(format(value.normalize(), "f"))


def _filename(metric: Metric, as_of: datetime | None, extension: str) -> str:
    suffix = f"-as-at-{as_of:%Y-%m-%d}" if as_of else ""
    return f"{metric.slug}{suffix}.{extension}"


def csv_response(metric: Metric, *, as_of: datetime | None = None) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(metric, as_of, "csv")}"'
    writer = csv.writer(response)
    writer.writerow(HEADER)
    writer.writerows(rows(metric, as_of=as_of))
    return response


def xlsx_response(metric: Metric, *, as_of: datetime | None = None) -> HttpResponse:
    from openpyxl import Workbook  # here, not at import: a web process that never writes a workbook skips it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="data")
    sheet.append(HEADER)
    for row in rows(metric, as_of=as_of):
        sheet.append(row)
    about = workbook.create_sheet(title="about")
    for label, value in _about(metric, as_of):
        about.append([label, neutralise(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(metric, as_of, "xlsx")}"'
    return response


def _about(metric: Metric, as_of: datetime | None) -> list[tuple[str, str]]:
    return [
        ("Metric", metric.name),
        ("Unit", metric.unit),
        ("Source", metric.source),
        ("Source URL", metric.source_url),
        ("Licence", metric.licence),
        ("Methodology", metric.methodology),
        ("Figures as at", as_of.isoformat(timespec="seconds") if as_of else "latest"),
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def open_data_csv(metrics: Iterable[Metric]) -> StreamingHttpResponse:
    """Every current figure of the given (published) metrics, streamed: the public open-data file."""
    by_id = {m.pk: m for m in metrics}
    qs = (
        Observation.objects.filter(current_at(), metric_id__in=list(by_id))
        .select_related("geography")
        .order_by("metric_id", "geography__code", "period_start")
    )
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(HEADER)
        for o in qs.iterator(chunk_size=2000):
            yield writer.writerow(_row(by_id[o.metric_id], o))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mission-dashboard-open-data.csv"'
    return response
