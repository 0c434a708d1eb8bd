"""ONS time-series page JSON (``.../timeseries/{cdid}/{dataset}/data`` and ``/v1/data?uri=...``).

The document has ``years``, ``quarters`` and ``months`` arrays of points such as ``{"date": "2024 Q3",
"value": "0.1", ...}``, plus a ``description`` holding the release dates.

Option ``frequency`` is ``years``, ``quarters`` or ``months``. If it isn't set, the connector uses
``quarters`` when that array has points, then ``months``, then ``years``. The period is the point's ``date``
text as written ("1955 Q2", "2024 SEP", "2023"). An empty or absent ``value`` becomes a suppressed row. ONS
time series carry no geography, so ``geography`` is None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import ConnectorError, SourceRow, finish, load_json, make_row

FREQUENCIES = ("years", "quarters", "months")
DEFAULT_ORDER = ("quarters", "months", "years")

OPTIONS = {
    "frequency": "years | quarters | months. Default: quarters if the document has any, "
    "else months, else years.",
}


def _document(content: bytes) -> dict[str, Any]:
    data = load_json(content)
    if not isinstance(data, dict) or not any(isinstance(data.get(k), list) for k in FREQUENCIES):
        raise ConnectorError(
            "The response is not an ONS time series (it has no 'years', 'quarters' or 'months')"
        )
    return data


def choose_frequency(data: Mapping[str, Any], requested: str | None) -> str:
    if requested:
        frequency = requested.strip().lower()
        if frequency not in FREQUENCIES:
            raise ConnectorError(f"Unknown frequency '{requested}'. Use years, quarters or months.")
        if not data.get(frequency):
            raise ConnectorError(f"The response has no '{frequency}' series")
        return frequency
    for frequency in DEFAULT_ORDER:
        if data.get(frequency):
            return frequency
    raise ConnectorError("The response has no 'quarters', 'months' or 'years' data points")


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    data = _document(content)
    frequency = choose_frequency(data, options.get("frequency"))
    points = data[frequency]
    if not isinstance(points, list):
        raise ConnectorError(f"The '{frequency}' series is not a list")
    rows = []
    for number, point in enumerate(points, start=1):
        if not isinstance(point, dict):
            raise ConnectorError(f"Point {number} of the '{frequency}' series is not an object")
        period = point.get("date") or point.get("label")
        if not isinstance(period, str) or not period.strip():
            raise ConnectorError(f"Point {number} of the '{frequency}' series has no date")
        rows.append(make_row(period, point.get("value")))
    return finish(rows, f"The response has no '{frequency}' series")


def release_info(content: bytes) -> dict[str, str | None]:
    """The ``description`` fields that drive scheduling and labelling, as published (text; dates unparsed).

    Keys: cdid, dataset_id, title, unit, pre_unit, release_date (ISO text such as "2024-11-15T00:00:00.000Z"),
    next_release (free text, e.g. "23 December 2024"), latest_period, latest_value.
    """
    description = _document(content).get("description")
    if not isinstance(description, dict):
        description = {}

    def text(key: str) -> str | None:
        value = description.get(key)
        return str(value) if value not in (None, "") else None

    return {
        "cdid": text("cdid"),
        "dataset_id": text("datasetId"),
        "title": text("title"),
        "unit": text("unit"),
        "pre_unit": text("preUnit"),
        "release_date": text("releaseDate"),
        "next_release": text("nextRelease"),
        "latest_period": text("date"),
        "latest_value": text("number"),
    }
