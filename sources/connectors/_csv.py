"""CSV reading shared by the CSV connectors: a streaming ``csv.reader`` over a text wrapper (no pandas)."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .base import ConnectorError, SourceRow, as_bytes, check_body


@dataclass
class CsvTable:
    header: list[str]
    records: Iterator[tuple[int, list[str]]]  # (line number, fields)

    def column(self, name: str, option: str = "") -> int:
        """Index of a column: exact match, then case-insensitive, then the "ID" of an "ID: label" header."""
        wanted = name.strip()
        for test in (lambda h: h == wanted, lambda h: h.casefold() == wanted.casefold()):
            for i, h in enumerate(self.header):
                if test(h):
                    return i
        for i, h in enumerate(self.header):
            if h.split(":", 1)[0].strip().casefold() == wanted.casefold():
                return i
        hint = difflib.get_close_matches(wanted, self.header, n=1)
        extra = f" (did you mean '{hint[0]}'?)" if hint else ""
        shown = ", ".join(self.header[:12]) + (", ..." if len(self.header) > 12 else "")
        via = f" (option '{option}')" if option else ""
        raise ConnectorError(f"Column '{wanted}'{via} is missing from the CSV{extra}. Columns: {shown}")

    def has(self, name: str) -> bool:
        return any(h.casefold() == name.casefold() for h in self.header)


def _records(reader: Iterator[list[str]], width: int) -> Iterator[tuple[int, list[str]]]:
    line = 1
    try:
        for fields in reader:
            line = reader.line_num  # type: ignore[attr-defined]
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            if len(fields) < width:
                fields = fields + [""] * (width - len(fields))
                if not any(fields):
                    continue
            yield line, fields
    except csv.Error as exc:
        raise ConnectorError(f"The CSV is malformed near line {line + 1}: {exc}")


def read_csv(
    content: bytes | str | None,
    handle: Callable[[CsvTable], list[SourceRow]],
    delimiter: str = ",",
) -> list[SourceRow]:
    """Stream the CSV through ``csv.reader`` over a text wrapper and give the table to ``handle``.

    The text is decoded as UTF-8, with or without a BOM. If it isn't valid UTF-8, it is read again as
    Windows-1252, which some older government files use. CRLF and LF line endings are both accepted.
    """
    data = as_bytes(content)
    check_body(data, "CSV")
    if delimiter in ("tab", "\\t"):
        delimiter = "\t"
    if len(delimiter) != 1:
        raise ConnectorError(f"The delimiter '{delimiter}' must be a single character")
    for encoding, errors in (("utf-8-sig", "strict"), ("cp1252", "replace")):
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors=errors, newline="")
        try:
            reader = csv.reader(stream, delimiter=delimiter, strict=True)
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise ConnectorError("The response is empty")
            except csv.Error as exc:
                raise ConnectorError(f"The CSV is malformed near line 1: {exc}")
            if not any(header):
                raise ConnectorError("The CSV has no header row")
            return handle(CsvTable(header, _records(reader, len(header))))
        except UnicodeDecodeError:
            continue
    raise ConnectorError(
        "The response is not readable text"
    )  # pragma: no cover - cp1252/replace always decodes
