"""SDMX-CSV, one observation per row (OECD Data Explorer ``format=csv``, Eurostat, ECB...).

The flavour is detected from the first header cell:
- 1.0: ``DATAFLOW`` first;
- 2.x: ``STRUCTURE``, ``STRUCTURE_ID`` and an optional ``ACTION``. A non-comma separator is announced as
  ``STRUCTURE[;]``.
The dimension columns are those between these leading columns and ``TIME_PERIOD``, in key order. Attributes
follow ``OBS_VALUE``. Label headers and values (``REF_AREA: Reference area``, ``GBR: United Kingdom``) are
matched on their code part. The period is TIME_PERIOD as written. An empty ``OBS_VALUE`` or "NaN" becomes a
suppressed row. Values are NOT scaled: a ``UNIT_MULT`` other than 0 is kept in the note (``UNIT_MULT=6``),
and so is an OBS_STATUS other than ``A``. Rows keep the source order. OECD rows are not sorted by time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._csv import CsvTable, read_csv
from ._sdmx import OBS_STATUS_NORMAL, check_known_values, check_single_series, series_filter
from .base import ConnectorError, SourceRow, as_bytes, finish, make_row

OPTIONS = {
    "series": "SDMX key in dimension-column order (e.g. GBR.B1GQ_V.USD.A; empty part = any) "
    "or dimension filters DIM=VALUE[,DIM2=VALUE2] (e.g. UNIT_MEASURE=USD).",
    "geography_dimension": "Dimension whose code becomes the geography. Default: REF_AREA (none if absent).",
}

LEADING = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION", "KEY", "SERIES_KEY", "OBS_KEY"}


def _code(text: str) -> str:
    return text.split(":", 1)[0].strip() if ": " in text else text.strip()


def _delimiter(content: bytes) -> str:
    match = re.match(rb'(?:\xef\xbb\xbf)?"?STRUCTURE\[(.)\]', content[:64], re.I)
    return match.group(1).decode() if match else ","


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    data = as_bytes(content)
    geo_dim = options.get("geography_dimension") or "REF_AREA"
    text = options.get("series") or ""

    def handle(table: CsvTable) -> list[SourceRow]:
        if len(table.header) > 1 and table.header[0].endswith("[") and table.header[1].startswith("]"):
            table.header[:2] = [f"{table.header[0]}{delimiter}{table.header[1]}"]  # "STRUCTURE[;]" was split
        ids = [_code(re.sub(r"\[.\]$", "", h)).upper() for h in table.header]
        if not ids or ids[0] not in ("DATAFLOW", "STRUCTURE"):
            raise ConnectorError(
                "The CSV is not SDMX-CSV: the first column should be DATAFLOW or STRUCTURE, "
                f"not '{table.header[0][:40]}'"
            )
        period, value = table.column("TIME_PERIOD"), table.column("OBS_VALUE")
        if value < period:
            raise ConnectorError("The CSV has OBS_VALUE before TIME_PERIOD, which SDMX-CSV does not allow")
        start = next(i for i, h in enumerate(ids) if h not in LEADING)
        dims = {ids[i]: i for i in range(start, period)}
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
            if mult is not None and _code(fields[mult]) not in ("", "0"):
                notes.append(f"UNIT_MULT={_code(fields[mult])}")
            keys.append(key)
            rows.append(make_row(fields[period], fields[value], key.get(geo_dim), note="; ".join(notes)))
        if text and not rows:
            check_known_values(wanted, seen, text)
            raise ConnectorError(f"No series matches '{text}'")
        check_single_series(keys, {geo_dim})
        return finish(rows, "The CSV has no data rows")

    delimiter = _delimiter(data)
    return read_csv(data, handle, delimiter=delimiter)
