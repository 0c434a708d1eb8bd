"""SDMX-CSV, one observation per row (OECD Data Explorer ``format=csv``, Eurostat, ECB...).

The flavour is detected from the first header cell:
- 1.0: ``DATAFLOW`` first;
- 2.x: ``STRUCTURE``, ``STRUCTURE_ID`` and an optional ``ACTION``. A non-comma separator is announced as
  ``STRUCTURE[;]``.
The dimension columns are those between these leading columns and ``TIME_PERIOD``, in key order; when the
columns come in another order (valid for data files) every column that is not a leading column, the period,
the value or a known attribute is a dimension. Attributes
follow ``OBS_VALUE``. Label headers and values (``REF_AREA: Reference area``, ``GBR: United Kingdom``) are
matched on their code part. The period is TIME_PERIOD as written. An empty ``OBS_VALUE`` or "NaN" becomes a
suppressed row. A ``UNIT_MULT`` other than 0 scales the value exactly, with a note saying so (option
``unit_multiplier=ignore`` keeps the published values, noted too); an OBS_STATUS other than ``A`` is
noted. Rows keep the source order. OECD rows are not sorted by time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._csv import CsvTable, read_csv
from ._sdmx import (
    OBS_STATUS_NORMAL,
    check_known_values,
    check_single_series,
    scale,
    series_filter,
    unit_multiplier_option,
)
from .base import ConnectorError, SourceRow, as_bytes, finish, make_row

OPTIONS = {
    "series": "SDMX key in dimension-column order (e.g. GBR.B1GQ_V.USD.A; empty part = any) "
    "or dimension filters DIM=VALUE[,DIM2=VALUE2] (e.g. UNIT_MEASURE=USD).",
    "geography_dimension": "Dimension whose code becomes the geography. Default: REF_AREA (none if absent).",
    "unit_multiplier": "'apply' (default): UNIT_MULT scales the values exactly (1781.361 with UNIT_MULT=6 "
    "becomes 1781361000); 'ignore': keep the published values. Each row's note says which.",
}

LEADING = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION", "KEY", "SERIES_KEY", "OBS_KEY"}
# SDMX cross-domain concepts used as attributes (SDMX Content-Oriented Guidelines, Annex 1): when the
# columns are not in the usual order, every other column is taken to be a dimension.
ATTRIBUTES = {
    "OBS_STATUS", "OBS_CONF", "OBS_PRE_BREAK", "OBS_COM", "OBS_FLAG", "OBS_NOTE", "UNIT_MULT", "DECIMALS",
    "TIME_FORMAT", "TIME_PER_COLLECT", "TITLE", "TITLE_COMPL", "COMMENT_OBS", "COMMENT_TS", "COMMENT_DSET",
    "CONF_STATUS", "COMPILATION", "SOURCE_AGENCY", "BASE_PER", "BASE_YEAR", "PRE_BREAK_VALUE",
    "EMBARGO_TIME", "NOTE", "DATA_COMP", "COLL_METHOD", "UNIT", "UNIT_INDEX_BASE", "REF_YEAR_PRICE",
}  # fmt: skip


def _dimensions(ids: list[str], period: int, value: int) -> dict[str, int]:
    """Dimension columns, in key order. In the usual layout (leading columns, dimensions, TIME_PERIOD,
    OBS_VALUE, attributes) they are the columns before TIME_PERIOD. The standard lets a data file put its
    columns in any order, so otherwise they are every column that is not a leading column, the period,
    the value or a known attribute."""
    start = next((i for i, h in enumerate(ids) if h not in LEADING), len(ids))
    if start <= period and value == period + 1:
        return {ids[i]: i for i in range(start, period)}
    return {
        h: i
        for i, h in enumerate(ids)
        if i not in (period, value) and h not in LEADING and h not in ATTRIBUTES and h != ""
    }


def _code(text: str) -> str:
    return text.split(":", 1)[0].strip() if ": " in text else text.strip()


def _delimiter(content: bytes) -> str:
    match = re.match(rb'(?:\xef\xbb\xbf)?"?STRUCTURE\[(.)\]', content[:64], re.I)
    return match.group(1).decode() if match else ","


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    data = as_bytes(content)
    geo_dim = options.get("geography_dimension") or "REF_AREA"
    text = options.get("series") or ""
    apply = unit_multiplier_option(options.get("unit_multiplier"))

    def handle(table: CsvTable) -> list[SourceRow]:
        if len(table.header) > 1 and table.header[0].endswith("[") and table.header[1].startswith("]"):
            table.header[:2] = [f"{table.header[0]}{delimiter}{table.header[1]}"]  # "STRUCTURE[;]" was split
        ids = [_code(re.sub(r"\[.\]$", "", h)).upper() for h in table.header]
        if not ids or not {"DATAFLOW", "STRUCTURE"} & set(ids):
            raise ConnectorError(
                "The CSV is not SDMX-CSV: it needs a DATAFLOW or STRUCTURE column, and the first is "
                f"not '{table.header[0][:40]}'"
            )
        period, value = table.column("TIME_PERIOD"), table.column("OBS_VALUE")
        dims = _dimensions(ids, period, value)
        wanted = series_filter(text, list(dims))
        status = table.column("OBS_STATUS") if "OBS_STATUS" in ids else None
        mult = table.column("UNIT_MULT") if "UNIT_MULT" in ids else None
        rows, keys, seen = [], [], {dim: set() for dim in wanted}
        for _line, fields in table.records:
            key = {dim: _code(fields[i]) for dim, i in dims.items()}
            for dim in wanted:
                seen[dim].add(key[dim])
            if any(key[dim] not in values for dim, values in wanted.items()):
                continue
            notes = []
            if status is not None and _code(fields[status]) not in OBS_STATUS_NORMAL:
                notes.append(f"OBS_STATUS={_code(fields[status])}")
            raw, scaled = scale(fields[value], _code(fields[mult]) if mult is not None else None, apply=apply)
            notes += [scaled] if scaled else []
            keys.append(key)
            rows.append(make_row(fields[period], raw, key.get(geo_dim), note="; ".join(notes)))
        if text and not rows:
            check_known_values(wanted, seen, text)
            raise ConnectorError(f"No series matches '{text}'")
        check_single_series(keys, {geo_dim})
        return finish(rows, "The CSV has no data rows")

    delimiter = _delimiter(data)
    return read_csv(data, handle, delimiter=delimiter)
