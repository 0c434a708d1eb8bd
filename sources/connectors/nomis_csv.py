"""Nomis API CSV (``/api/v01/dataset/NM_xxx_1.data.csv?...&select=...`` and the census ``.bulk.csv``).

Default columns (the first one present wins; case-insensitive):
- period: DATE, DATE_CODE, DATE_NAME ("2024-03" or "January 2018", as written);
- value: OBS_VALUE;
- geography: GEOGRAPHY_CODE, then GEOGRAPHY_NAME (no geography if neither is present);
- status: OBS_STATUS_NAME, then OBS_STATUS.
Nomis leaves ``OBS_VALUE`` empty for missing or suppressed figures and explains why in ``OBS_STATUS``
(e.g. ``Q``) or ``OBS_STATUS_NAME`` ("These figures are missing."). Such rows have ``value=None``,
``status="suppressed"`` and the status text as the note. A published value whose status isn't normal
(``A`` / "Normal Value") keeps that status in the note.
For the census ``bulk.csv`` layout, set ``period_column=date``, ``geography_column=geography code`` and
``value_column`` to one of the "<table>: <category>; measures: Value" columns.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._csv import CsvTable, read_csv
from .base import ConnectorError, SourceRow, finish, make_row, parse_filters

OPTIONS = {
    "period_column": "Default: DATE, else DATE_CODE, else DATE_NAME.",
    "value_column": "Default: OBS_VALUE.",
    "geography_column": "Default: GEOGRAPHY_CODE, else GEOGRAPHY_NAME; 'none' for no geography.",
    "status_column": "Default: OBS_STATUS_NAME, else OBS_STATUS; 'none' to ignore.",
    "filter": "Keep only matching rows: COL=VALUE[,COL2=VALUE2] (e.g. MEASURES_NAME=Value).",
}

NORMAL_STATUSES = {"a", "normal value", ""}


def _pick(table: CsvTable, options: Mapping[str, str], option: str, defaults: tuple[str, ...]) -> int | None:
    chosen = (options.get(option) or "").strip()
    if chosen.lower() == "none":
        return None
    if chosen:
        return table.column(chosen, option)
    for name in defaults:
        if table.has(name):
            return table.column(name)
    return None


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    def handle(table: CsvTable) -> list[SourceRow]:
        period = _pick(table, options, "period_column", ("DATE", "DATE_CODE", "DATE_NAME"))
        if period is None:
            raise ConnectorError("Column 'DATE' is missing from the CSV (set the option 'period_column')")
        value = table.column(options.get("value_column") or "OBS_VALUE", "value_column")
        geography = _pick(table, options, "geography_column", ("GEOGRAPHY_CODE", "GEOGRAPHY_NAME"))
        status = _pick(table, options, "status_column", ("OBS_STATUS_NAME", "OBS_STATUS"))
        filters = [(table.column(k, "filter"), v) for k, v in parse_filters(options.get("filter")).items()]
        rows = []
        for _line, fields in table.records:
            if any(fields[i].strip() not in wanted for i, wanted in filters):
                continue
            status_text = fields[status].strip() if status is not None else ""
            note = status_text if status_text.lower() not in NORMAL_STATUSES else ""
            rows.append(
                make_row(
                    fields[period],
                    fields[value],
                    fields[geography] if geography is not None else None,
                    note=note,
                    missing_note=note,
                )
            )
        return finish(rows, "The CSV has no data rows" + (" matching the filter" if filters else ""))

    return read_csv(content, handle)
