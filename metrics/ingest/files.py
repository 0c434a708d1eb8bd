"""Read an uploaded CSV or XLSX file as a stream of 6-tuples (metric, period, geography, value, status, note).

Files are never loaded whole: CSV is decoded and parsed as it is read (UTF-8 with or without a BOM, CRLF or
LF), XLSX through openpyxl's read-only mode — which is told to ignore the sheet's declared dimension (a sheet
claiming A1:D2 over 5 rows of data lost 3 of them), parses XML through defusedxml, and is bounded: the
unzipped size, the shared strings and the cells read are capped (settings XLSX_*), so a small zip cannot
take the server's memory or time. Header problems (an empty file, a missing required column) are
collected as RowErrors on row 1 rather than raised, so the import service reports them like any other error.
Spreadsheet cells that are not text (numbers, dates) are turned into the text a person would have typed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from operator import itemgetter
from pathlib import PurePath

from django.conf import settings

from metrics.ingest.validation import COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, RowError

CSV_TYPES = {"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"}
XLSX_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
ZIP_MAGIC = b"PK\x03\x04"


class UnsupportedFile(Exception):
    """Neither CSV nor XLSX (answered with 415)."""


@dataclass
class Table:
    """A file's data rows in the canonical column order; `errors` holds problems with the file itself."""

    rows: Iterator[tuple]
    format: str
    errors: list[RowError] = field(default_factory=list)
    # The metric names the rows use, read ahead of them (CSV), or None when they cannot be known cheaply
    # before the rows are read (XLSX). The import then takes the metrics' locks first and writes as it
    # checks (metrics.ingest.stream).
    metric_names: Callable[[], set[str] | None] | None = None


def detect_format(filename: str, head: bytes) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if head.startswith(ZIP_MAGIC) or suffix == ".xlsx":
        if not head.startswith(ZIP_MAGIC) and head:
            raise UnsupportedFile("The file is named .xlsx but is not an Excel workbook.")
        return "xlsx"
    if suffix in ("", ".csv", ".txt"):
        return "csv"
    raise UnsupportedFile(f"'{suffix}' files are not accepted: upload a CSV (.csv) or Excel (.xlsx) file.")


def open_table(binary, *, filename: str = "") -> Table:
    """`binary` is a file opened for reading bytes, positioned at its start."""
    head = binary.read(4)
    binary.seek(0)
    kind = detect_format(filename, head)
    return _xlsx_table(binary) if kind == "xlsx" else _csv_table(binary)


def _header(cells, errors: list[RowError]) -> list[int] | None:
    """Positions of the canonical columns in the file (-1 when an optional column is absent)."""
    names = [str(cell if cell is not None else "").strip().lstrip("\ufeff").lower() for cell in cells]
    if not any(names):
        errors.append(RowError(1, "file", "The first row is empty: it must be the header " + _EXPECTED))
        return None
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            errors.append(RowError(1, name, f"The header names the column '{name}' twice."))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(RowError(1, name, f"The header has no '{name}' column; it must be {_EXPECTED}"))
    if errors:
        return None
    return [names.index(name) if name in seen else -1 for name in COLUMNS]


_EXPECTED = "metric,period,geography,value (and optionally " + ",".join(OPTIONAL_COLUMNS) + ")."


def _pick(positions: list[int]):
    """A fast row -> canonical 6-tuple function (absent optional columns read as blank)."""
    width = max(positions) + 1
    present = [p for p in positions if p >= 0]
    if positions[: len(present)] == present:  # the usual case: absent columns are the optional tail
        getter = itemgetter(*present)
        tail = ("",) * (len(positions) - len(present))

        def pick(row):
            if len(row) >= width:
                return getter(row) + tail if tail else getter(row)
            return _padded(row, positions)

        return pick
    return lambda row: _padded(row, positions)


def _padded(row, positions: list[int]) -> tuple:
    return tuple(row[p] if 0 <= p < len(row) else "" for p in positions)


def _csv_table(binary) -> Table:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    errors: list[RowError] = []
    try:
        first = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as exc:
        return Table(iter(()), "csv", [_decode_error(1, exc)])
    if first is None:
        return Table(
            iter(()), "csv", [RowError(1, "file", "The file is empty: it has no header and no rows.")]
        )
    positions = _header(first, errors)
    if positions is None:
        return Table(_count_only(reader), "csv", errors)
    table = Table(iter(()), "csv", errors, metric_names=lambda: _csv_metric_names(binary, positions[0]))
    table.rows = _csv_rows(reader, _pick(positions), table)
    return table


def _csv_metric_names(binary, column: int) -> set[str] | None:
    """The distinct texts of the metric column, read in a pass of its own (under a second per million rows)
    that leaves the file where the main reader had it. None if the file cannot be read that way: the main
    pass reports why."""
    position = binary.tell()
    try:
        try:
            return _column_values(binary, column, strict=True)
        except IndexError:  # a short (blank) row: read again, row by row
            return _column_values(binary, column, strict=False)
    except (UnicodeDecodeError, csv.Error):
        return None
    finally:
        binary.seek(position)


def _column_values(binary, column: int, *, strict: bool) -> set[str]:
    binary.seek(0)
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text)
        next(reader, None)  # the header
        if strict:
            names = set(map(itemgetter(column), reader))
        else:
            names = {row[column] if len(row) > column else "" for row in reader}
    finally:
        text.detach()  # the main reader still owns the file
    return {name.strip() for name in names} - {""}


def _csv_rows(reader, pick, table: Table) -> Iterator[tuple]:
    try:
        yield from map(pick, reader)  # a blank line reads as a blank row, which the validator skips
    except (UnicodeDecodeError, csv.Error) as exc:
        table.errors.append(_decode_error(reader.line_num + 1, exc))


def _decode_error(row: int, exc: Exception) -> RowError:
    if isinstance(exc, UnicodeDecodeError):
        return RowError(
            row, "file", "The file is not UTF-8 text: save it as 'CSV UTF-8' and upload it again."
        )
    return RowError(row, "file", f"The file is not valid CSV here: {exc}.")


def _count_only(rows) -> Iterator[tuple]:
    """After a bad header, every data row is still counted (as rejected) so the counts add up."""
    try:
        for row in rows:
            if any(cell not in (None, "") for cell in row):
                yield ("",) * 6
    except (UnicodeDecodeError, csv.Error):
        return


def weight(binary, kind: str) -> int:
    """What a file costs to read: its size for CSV, its unzipped size for XLSX (positioned back at 0)."""
    if kind != "xlsx":
        binary.seek(0, io.SEEK_END)
        size = binary.tell()
        binary.seek(0)
        return size
    try:
        with zipfile.ZipFile(binary) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # not a zip: open_table says so
    finally:
        binary.seek(0)


def _xlsx_limits(binary) -> str | None:
    """A reason to refuse the workbook before openpyxl reads it, or None."""
    mb = 1024 * 1024
    try:
        with zipfile.ZipFile(binary) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return f"The file could not be read as an Excel workbook ({_short(exc)})."
    finally:
        binary.seek(0)
    unzipped = sum(info.file_size for info in infos)
    if unzipped > settings.XLSX_MAX_UNZIPPED_BYTES:
        return (
            f"The workbook unzips to {unzipped // mb:,} MB; the limit is "
            f"{settings.XLSX_MAX_UNZIPPED_BYTES // mb:,} MB. Save the data as CSV and upload that."
        )
    strings = sum(info.file_size for info in infos if info.filename.lower().endswith("sharedstrings.xml"))
    if strings > settings.XLSX_MAX_SHARED_STRINGS_BYTES:
        return (
            f"The workbook's shared text is {strings // mb:,} MB; the limit is "
            f"{settings.XLSX_MAX_SHARED_STRINGS_BYTES // mb:,} MB. Save the data as CSV and upload that."
        )
    return None


def _xlsx_table(binary) -> Table:
    from openpyxl import load_workbook

    refusal = _xlsx_limits(binary)
    if refusal:
        return Table(iter(()), "xlsx", [RowError(1, "file", refusal)])
    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the declared dimension: read every row there is
        rows = sheet.iter_rows(values_only=True, max_col=settings.XLSX_MAX_COLUMNS)
        first = next(rows, None)
    except Exception as exc:  # openpyxl raises many types for a damaged or hostile workbook (DOCTYPE, zip)
        message = f"The file could not be read as an Excel workbook ({_short(exc)})."
        return Table(iter(()), "xlsx", [RowError(1, "file", message)])
    errors: list[RowError] = []
    if first is None:
        return Table(iter(()), "xlsx", [RowError(1, "file", "The workbook's first sheet is empty.")])
    positions = _header(first, errors)
    table = Table(iter(()), "xlsx", errors)
    if positions is None:
        table.rows = _bounded(_count_only(rows), table)
        return table
    pick = _pick(positions)
    table.rows = _bounded((pick(tuple(_cell_text(cell) for cell in row)) for row in rows), table)
    return table


def _bounded(rows: Iterator[tuple], table: Table) -> Iterator[tuple]:
    """Stop after XLSX_MAX_ROWS rows (each read XLSX_MAX_COLUMNS cells wide at most), and turn a failure
    part-way through the sheet into a file error."""
    limit = settings.XLSX_MAX_ROWS
    row_number = 1
    try:
        for row in rows:
            row_number += 1
            if row_number - 1 > limit:
                table.errors.append(
                    RowError(row_number, "file", f"The sheet has more than {limit:,} data rows: split it.")
                )
                return
            yield row
    except Exception as exc:
        table.errors.append(
            RowError(row_number + 1, "file", f"The workbook could not be read here ({_short(exc)}).")
        )


def _short(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _cell_text(cell) -> object:
    """Numbers and dates as a person would have typed them. Dates stay dates: the metric decides."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, datetime):
        return cell.date() if cell.time() == time(0) else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell
    return str(cell)
