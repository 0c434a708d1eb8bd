"""Our World in Data CSV: grapher chart downloads and catalogue "wide" files.

- Grapher: ``Entity,Code,Year|Day,<value column>`` (one value column, or several for multi-indicator charts).
- Catalogue (owid/co2-data, owid/energy-data): ``country,year,iso_code,<many columns>``.
The layout is detected from the header. Options ``entity`` (e.g. "United Kingdom") and ``code`` (e.g. GBR)
select rows. ``column`` names the value column. It is required for catalogue files. For a grapher file with a
single value column it may be left out. The period is the Year (or Day, "YYYY-MM-DD") as written. The
geography is the ISO3/OWID code, or the entity name for aggregates that have no code. OWID leaves missing
values empty; such rows are kept as suppressed rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._csv import CsvTable, read_csv
from .base import ConnectorError, SourceRow, finish, make_row

OPTIONS = {
    "entity": "Keep rows for this entity/country name (e.g. United Kingdom).",
    "code": "Keep rows for this ISO3 or OWID code (e.g. GBR, OWID_WRL).",
    "column": "Value column (e.g. co2, or the indicator title in a grapher file). "
    "Required for catalogue files.",
}


def _layout(table: CsvTable) -> tuple[int, int | None, int, set[int]]:
    """Return (entity, code, period, structural columns) indexes for either layout."""
    if table.has("Entity"):
        period_name = "Year" if table.has("Year") else "Day"
        entity, period = table.column("Entity"), table.column(period_name)
        code = table.column("Code") if table.has("Code") else None
    elif table.has("country") and table.has("year"):
        entity, period = table.column("country"), table.column("year")
        code = table.column("iso_code") if table.has("iso_code") else None
    else:
        raise ConnectorError(
            "The CSV is not an OWID file: expected the columns Entity,Code,Year (grapher) "
            "or country,year,iso_code (catalogue)"
        )
    return entity, code, period, {i for i in (entity, code, period) if i is not None}


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    entity_wanted = (options.get("entity") or "").strip()
    code_wanted = (options.get("code") or "").strip().upper()

    def handle(table: CsvTable) -> list[SourceRow]:
        entity, code, period, structural = _layout(table)
        if code_wanted and code is None:
            raise ConnectorError("The option 'code' was given but the CSV has no Code/iso_code column")
        if options.get("column"):
            value = table.column(options["column"], "column")
        else:
            candidates = [i for i in range(len(table.header)) if i not in structural]
            if len(candidates) != 1:
                shown = ", ".join(table.header[i] for i in candidates[:8])
                raise ConnectorError(
                    f"Choose the value column with the option 'column' (columns: {shown}, ...)"
                )
            value = candidates[0]
        rows = []
        for _line, fields in table.records:
            name = fields[entity].strip()
            iso = fields[code].strip() if code is not None else ""
            if entity_wanted and name.casefold() != entity_wanted.casefold():
                continue
            if code_wanted and iso.upper() != code_wanted:
                continue
            rows.append(make_row(fields[period], fields[value], iso or name))
        if not rows and (entity_wanted or code_wanted):
            raise ConnectorError(f"No rows for {entity_wanted or code_wanted} in the CSV")
        return finish(rows, "The CSV has no data rows")

    return read_csv(content, handle)
