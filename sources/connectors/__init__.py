"""Parsers for the statistical sources that are pulled on a schedule (pure Python: no Django, no HTTP).

Usage::

    from sources.connectors import CONNECTORS, ConnectorError, parse

    rows = parse("ons_timeseries", response_bytes, {"frequency": "quarters"})
    info = CONNECTORS["ons_timeseries"].info(response_bytes)  # release dates, where the format carries them

Every connector returns ``list[SourceRow]``, with values kept as published text, or raises ``ConnectorError``
with a message users can read.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import csv_generic, nomis_csv, ons_api, ons_timeseries, owid_csv, sdmx_csv, sdmx_json
from .base import SUPPRESSED, SUPPRESSED_MARKERS, ConnectorError, ConnectorSpec, Parser, SourceRow

__all__ = [
    "CONNECTORS",
    "SUPPRESSED",
    "SUPPRESSED_MARKERS",
    "ConnectorError",
    "ConnectorSpec",
    "Parser",
    "SourceRow",
    "get_connector",
    "parse",
]

CONNECTORS: dict[str, ConnectorSpec] = {
    spec.id: spec
    for spec in (
        ConnectorSpec(
            id="ons_timeseries",
            label="ONS time series (JSON)",
            description="ONS website/API time-series document (years, quarters and months arrays) "
            "for one CDID in one dataset, e.g. /economy/grossdomesticproductgdp/timeseries/ihyq/pn2/data.",
            options=ons_timeseries.OPTIONS,
            parse=ons_timeseries.parse,
            info=ons_timeseries.release_info,
        ),
        ConnectorSpec(
            id="ons_api",
            label="ONS API observations (JSON)",
            description="ONS beta API v1 dataset observations, a single point or one dimension set to '*'.",
            options=ons_api.OPTIONS,
            parse=ons_api.parse,
            info=ons_api.release_info,
        ),
        ConnectorSpec(
            id="nomis_csv",
            label="Nomis API (CSV)",
            description="Nomis dataset CSV (select= columns such as DATE_NAME, GEOGRAPHY_CODE, OBS_VALUE, "
            "OBS_STATUS_NAME) or a census bulk.csv with a column mapping.",
            options=nomis_csv.OPTIONS,
            parse=nomis_csv.parse,
        ),
        ConnectorSpec(
            id="sdmx_json",
            label="SDMX-JSON (OECD, ECB, Eurostat...)",
            description="SDMX-JSON 1.0 or 2.x data message; pick one series with a key or dimension filters.",
            options=sdmx_json.OPTIONS,
            parse=sdmx_json.parse,
        ),
        ConnectorSpec(
            id="sdmx_csv",
            label="SDMX-CSV (OECD, ECB, Eurostat...)",
            description="SDMX-CSV 1.0/2.x, one observation per row "
            "(DATAFLOW/STRUCTURE, dimensions, TIME_PERIOD, OBS_VALUE, attributes).",
            options=sdmx_csv.OPTIONS,
            parse=sdmx_csv.parse,
        ),
        ConnectorSpec(
            id="owid_csv",
            label="Our World in Data (CSV)",
            description="OWID grapher chart CSV (Entity,Code,Year,<value>) or catalogue wide CSV "
            "(country,year,iso_code,<columns>).",
            options=owid_csv.OPTIONS,
            parse=owid_csv.parse,
        ),
        ConnectorSpec(
            id="csv",
            label="CSV (column mapping)",
            description="Any CSV file: name the period, value and optional geography columns, "
            "plus an optional filter.",
            options=csv_generic.OPTIONS,
            parse=csv_generic.parse,
        ),
    )
}


def get_connector(connector_id: str) -> ConnectorSpec:
    try:
        return CONNECTORS[connector_id]
    except KeyError:
        raise ConnectorError(
            f"Unknown connector '{connector_id}'. Known connectors: {', '.join(CONNECTORS)}"
        ) from None


def parse(connector_id: str, content: bytes, options: Mapping[str, str] | None = None) -> list[SourceRow]:
    """Parse ``content`` with the connector ``connector_id``. Unknown option names are rejected."""
    spec = get_connector(connector_id)
    options = dict(options or {})
    unknown = sorted(set(options) - set(spec.options))
    if unknown:
        raise ConnectorError(
            f"Unknown option '{unknown[0]}' for {spec.label}. Options: {', '.join(spec.options) or 'none'}"
        )
    return spec.parse(content, options)
