"""Shared types and helpers for the connector parsers.

This is pure parsing code: no Django and no HTTP. A connector takes the raw bytes of a response and gives
back a list of ``SourceRow``. It raises ``ConnectorError`` with a plain-English message when the content
can't be used.

Values are kept as the text the source publishes. Nothing is converted to float, so nothing is rounded.
``clean_value`` decides whether a cell is a number. A cell that isn't a number (empty, "..", ":", "x",
"[c]", "NaN", ...) becomes ``value=None`` with ``status="suppressed"``, and the note records what the source
put there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

SUPPRESSED = "suppressed"

# Markers that the sources use for "no value": ONS/GSS "..", "x", "[c]", "[x]", "[z]"; Eurostat ":"; "-" in
# some tables; "NaN" from pandas exports; "" in ONS JSON, Nomis, OWID and SDMX-CSV. Any other non-numeric text
# is treated the same way; only the note's wording differs.
SUPPRESSED_MARKERS = frozenset(
    {"", "..", ".", ":", "-", "*", "x", "X", "[x]", "c", "[c]", "z", "[z]", "[u]", "[w]",
     "NaN", "nan", "NA", "N/A", "n/a", "null", "None"}
)  # fmt: skip

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


@dataclass(frozen=True)
class SourceRow:
    """One observation as the source publishes it."""

    period: str  # period text as written by the source: "2024 Q3", "2024 MAR", "2023", "2024-03", "Mar-18"
    value: str | None  # number as published (text); None when missing or suppressed
    geography: str | None = (
        None  # geography code (e.g. GSS K02000001, ISO3 GBR), or a name if the source has no code
    )
    status: str | None = None  # None, or "suppressed" when value is None
    note: str = ""  # source status or marker worth keeping (e.g. "OBS_STATUS=P", "Source marker '..'")


class ConnectorError(Exception):
    """The content can't be parsed. The message is plain English and users see it as it is."""


class Parser(Protocol):
    def __call__(self, content: bytes, options: Mapping[str, str]) -> list[SourceRow]: ...


@dataclass(frozen=True)
class ConnectorSpec:
    id: str
    label: str
    description: str
    options: Mapping[str, str]  # option name -> documentation
    parse: Parser
    info: Callable[[bytes], dict[str, Any]] | None = field(default=None)  # release/metadata, where available

    def __call__(self, content: bytes, options: Mapping[str, str] | None = None) -> list[SourceRow]:
        return self.parse(content, options or {})


# --------------------------------------------------------------------------- values


def clean_value(raw: Any) -> tuple[str | None, str | None, str]:
    """Return ``(value, status, note)`` for one published cell. ``value`` is the number as text, or None.

    Thousands separators ("1,234") are dropped; nothing else is changed.
    """
    if raw is None:
        return None, SUPPRESSED, "No value published"
    if isinstance(raw, bool):
        text = str(raw).lower()
    elif isinstance(raw, int | float):
        text = str(raw)
    else:
        text = str(raw).strip()
    if _NUMBER.fullmatch(text):
        return text, None, ""
    if _THOUSANDS.fullmatch(text):
        return text.replace(",", ""), None, ""
    if text == "":
        return None, SUPPRESSED, "No value published"
    if text in SUPPRESSED_MARKERS:
        return None, SUPPRESSED, f"Source marker '{text}'"
    return None, SUPPRESSED, f"Non-numeric value '{text[:40]}' treated as missing"


def make_row(
    period: Any, raw: Any, geography: Any = None, note: str = "", missing_note: str = ""
) -> SourceRow:
    """Build a row. ``note`` is always kept. When the value is missing, ``missing_note`` (e.g. Nomis "These
    figures are missing.") replaces the generic marker note."""
    value, status, marker = clean_value(raw)
    if value is None and missing_note:
        marker = missing_note
    text = "; ".join(t for t in (marker, note if note != marker else "") if t)
    geo = str(geography).strip() if geography not in (None, "") else None
    return SourceRow(period=str(period).strip(), value=value, geography=geo, status=status, note=text)


def finish(
    rows: list[SourceRow], empty_message: str = "The response contains no observations"
) -> list[SourceRow]:
    """Reject an empty result, or one with two values for the same period and geography (a mix of series).

    A "no data yet" placeholder is not a period: a line with no value whose period holds no digit at all
    ("No data yet", "Data not yet available") is left out, and a release holding only such lines is
    refused in words rather than stored.
    """
    kept = [r for r in rows if r.value is not None or any(c.isdigit() for c in r.period)]
    if rows and not kept:
        raise ConnectorError(f"The release holds no data yet: it says '{rows[0].period[:60]}'")
    rows = kept
    if not rows:
        raise ConnectorError(empty_message)
    seen: set[tuple[str, str | None]] = set()
    for row in rows:
        key = (row.period, row.geography)
        if key in seen:
            where = f" and geography {row.geography}" if row.geography else ""
            raise ConnectorError(
                f"The data holds more than one value for period {row.period}{where}: "
                "it mixes several series. Add a filter option to pick one."
            )
        seen.add(key)
    return rows


# --------------------------------------------------------------------------- body checks and JSON


def as_bytes(content: bytes | str | None) -> bytes:
    if content is None:
        return b""
    if isinstance(content, str):
        return content.encode("utf-8")
    return bytes(content)


def check_body(content: bytes, expected: str) -> None:
    """Reject an empty body, an HTML error page or XML before parsing ``expected`` ("JSON" or "CSV")."""
    if not content.strip():
        raise ConnectorError("The response is empty")
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<html" in head or b"<!doctype html" in head or b"<head" in head or b"<body" in head:
            match = re.search(rb"<title[^>]*>(.*?)</title>", content[:8192], re.I | re.S)
            title = " ".join(match.group(1).decode("utf-8", "replace").split())[:80] if match else ""
            shown = f" ('{title}')" if title else ""
            raise ConnectorError(
                f"The response is an HTML page{shown}, not {expected}. "
                "The source may be down or the address wrong."
            )
        raise ConnectorError(f"The response is XML, not {expected}")
    if expected == "CSV" and head[:1] in (b"{", b"["):
        raise ConnectorError("The response is JSON, not CSV")


def load_json(content: bytes | str | None) -> Any:
    """Parse JSON and keep decimal numbers as their exact text (``parse_float=str``)."""
    data = as_bytes(content)
    check_body(data, "JSON")
    try:
        return json.loads(data, parse_float=str, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise ConnectorError(f"The response is not valid JSON (line {exc.lineno}, column {exc.colno})")
    except UnicodeDecodeError:
        raise ConnectorError("The response is not valid UTF-8 text")


def require_dict(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise ConnectorError(f"The response has no {what}")
    return value


# --------------------------------------------------------------------------- filters


def parse_filters(text: str | None, option: str = "filter") -> dict[str, set[str]]:
    """Parse ``"COL=VALUE,COL2=VALUE2"`` into ``{"COL": {"VALUE"}, ...}``.

    A comma starts a new pair only when a ``NAME=`` follows it, so values may contain commas
    (``area_name=Bath, Somerset``). A repeated key means "either value". An empty value matches empty cells.
    """
    result: dict[str, set[str]] = {}
    if not text or not text.strip():
        return result
    for part in re.split(r",(?=[^,=]+=)", text):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise ConnectorError(f"The {option} '{part.strip()}' is not in the form NAME=VALUE")
        result.setdefault(key.strip(), set()).add(value.strip())
    return result


def describe_values(values: Iterable[str], limit: int = 8) -> str:
    ordered = sorted({v for v in values})
    shown = ", ".join(f"'{v}'" for v in ordered[:limit])
    return shown + (f" and {len(ordered) - limit} more" if len(ordered) > limit else "")
