"""ONS beta API v1 CMD observations (``/v1/datasets/{id}/editions/{ed}/versions/{v}/observations?...``).

There are two response shapes:
- single point: the fixed dimensions (time included) are under ``dimensions.<dim>.option.id``, and
  ``observations`` is ``[{"observation": "105.1"}]``;
- wildcard (one dimension ``*``): each observation has ``dimensions.<dim>`` = ``{"id", "label"}``.

The period is the time *label* as published ("Mar-18"). For a wildcard on time, the ``id`` is the code-list
name ("Month"), not the period. The geography is the geography code (e.g. K02000001). Rows come back in time
order when every period is an ONS ``Mon-YY`` label. The API returns wildcard results unordered. Other
periods keep the source order. An empty ``observation`` becomes a suppressed row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .base import ConnectorError, SourceRow, finish, load_json, make_row

OPTIONS = {
    "time_dimension": "Name of the time dimension. Default: time.",
    "geography_dimension": "Name of the geography dimension. Default: geography.",
}

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MON_YY = re.compile(r"([A-Za-z]{3})-(\d{2})")


def _option_id(dimensions: Any, name: str) -> str | None:
    if isinstance(dimensions, dict) and isinstance(dimensions.get(name), dict):
        option = dimensions[name].get("option")
        if isinstance(option, dict) and option.get("id") not in (None, ""):
            return str(option["id"])
    return None


def _obs_dimension(observation: dict, name: str, prefer: str) -> str | None:
    dims = observation.get("dimensions")
    item = dims.get(name) if isinstance(dims, dict) else None
    if not isinstance(item, dict):
        return None
    other = "id" if prefer == "label" else "label"
    for key in (prefer, other):
        if item.get(key) not in (None, ""):
            return str(item[key])
    return None


def _month_key(period: str) -> tuple[int, int] | None:
    match = _MON_YY.fullmatch(period.strip())
    if not match or match.group(1).lower() not in _MONTHS:
        return None
    yy = int(match.group(2))
    year = 1900 + yy if yy >= 50 else 2000 + yy  # ONS CMD series start after 1950
    return year, _MONTHS[match.group(1).lower()]


def _error_text(data: dict) -> str:
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        first = errors[0]
        return (
            str(first.get("message") or first.get("code") or first) if isinstance(first, dict) else str(first)
        )
    return str(data.get("message") or "")


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    data = load_json(content)
    if not isinstance(data, dict) or not isinstance(data.get("observations"), list):
        detail = _error_text(data) if isinstance(data, dict) else ""
        raise ConnectorError(
            "The response has no 'observations' list" + (f" (the API said: {detail})" if detail else "")
        )
    time_dim = options.get("time_dimension") or "time"
    geo_dim = options.get("geography_dimension") or "geography"
    fixed = data.get("dimensions")
    fixed_period = _option_id(fixed, time_dim)
    fixed_geo = _option_id(fixed, geo_dim)

    observations = data["observations"]
    total, offset = data.get("total_observations"), data.get("offset") or 0
    if isinstance(total, int) and isinstance(offset, int) and offset + len(observations) < total:
        raise ConnectorError(
            f"The response holds only {len(observations)} of {total} observations (it is paged); "
            "narrow the query"
        )

    rows = []
    for number, observation in enumerate(observations, start=1):
        if not isinstance(observation, dict):
            raise ConnectorError(f"Observation {number} is not an object")
        period = _obs_dimension(observation, time_dim, "label") or fixed_period
        if not period:
            raise ConnectorError(f"Observation {number} has no '{time_dim}' dimension")
        geography = _obs_dimension(observation, geo_dim, "id") or fixed_geo
        rows.append(make_row(period, observation.get("observation"), geography))

    keys = [_month_key(row.period) for row in rows]
    if rows and all(keys):
        rows = [row for _, row in sorted(zip(keys, rows, strict=True), key=lambda pair: pair[0])]
    return finish(rows)


def release_info(content: bytes) -> dict[str, Any]:
    """Unit, count and metadata links (``dataset_metadata`` gives the release dates) as published."""
    data = load_json(content)
    if not isinstance(data, dict):
        raise ConnectorError("The response has no 'observations' list")
    links = data.get("links") if isinstance(data.get("links"), dict) else {}

    def href(name: str) -> str | None:
        link = links.get(name)
        return link.get("href") if isinstance(link, dict) else None

    version = links.get("version") if isinstance(links.get("version"), dict) else {}
    return {
        "unit_of_measure": data.get("unit_of_measure"),
        "total_observations": data.get("total_observations"),
        "version": version.get("id"),
        "version_url": version.get("href"),
        "metadata_url": href("dataset_metadata"),
        "self_url": href("self"),
    }
