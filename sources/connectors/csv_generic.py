"""Generic CSV with a column mapping (gov.uk chart CSVs, Open SDG indicator CSVs, NHS files...).

Options ``period_column`` and ``value_column`` are required. ``geography_column`` is optional, and so is
``filter`` (``COL=VALUE[,COL2=VALUE2]``; ``COL=`` keeps rows where COL is empty, which picks the headline
rows of an Open SDG file). Column names are matched exactly, then case-insensitively. The text is UTF-8 with
or without a BOM (Windows-1252 as a fallback), with CRLF or LF line endings. ``delimiter`` defaults to a
comma. Values that aren't numbers (empty, "..", "x", "[c]", ...) become suppressed rows. Thousands
separators are removed.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._csv import CsvTable, read_csv
from .base import ConnectorError, SourceRow, describe_values, finish, make_row, parse_filters

OPTIONS = {
    "period_column": "Required. Column holding the period (e.g. Year, time_period).",
    "value_column": "Required. Column holding the value (e.g. Value).",
    "geography_column": "Optional. Column holding the geography code or name.",
    "filter": "Optional. Keep only rows where COL=VALUE[,COL2=VALUE2]; 'COL=' matches empty cells.",
    "delimiter": "Optional. Field separator: a single character or 'tab'. Default: comma.",
}


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    for required in ("period_column", "value_column"):
        if not (options.get(required) or "").strip():
            raise ConnectorError(f"The option '{required}' is required for a CSV source")

    def handle(table: CsvTable) -> list[SourceRow]:
        period = table.column(options["period_column"], "period_column")
        value = table.column(options["value_column"], "value_column")
        geo_name = (options.get("geography_column") or "").strip()
        geography = table.column(geo_name, "geography_column") if geo_name else None
        filters = [(k, table.column(k, "filter"), v) for k, v in parse_filters(options.get("filter")).items()]
        seen: dict[str, set[str]] = {k: set() for k, _, _ in filters}
        rows = []
        for _line, fields in table.records:
            keep = True
            for name, index, wanted in filters:
                cell = fields[index].strip()
                seen[name].add(cell)
                keep = keep and cell in wanted
            if not keep:
                continue
            if not fields[period].strip():
                continue  # a note or footer line under the table
            rows.append(
                make_row(fields[period], fields[value], fields[geography] if geography is not None else None)
            )
        if not rows and filters:
            name, _, wanted = next((f for f in filters if not f[2] & seen[f[0]]), filters[0])
            raise ConnectorError(
                f"No rows match the filter {name}={describe_values(wanted)} "
                f"(values seen: {describe_values(seen[name])})"
            )
        return finish(rows, "The CSV has no data rows")

    return read_csv(content, handle, delimiter=options.get("delimiter") or ",")
