"""Series-key handling shared by the SDMX-JSON and SDMX-CSV connectors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from .base import ConnectorError, describe_values, parse_filters

OBS_STATUS_NORMAL = {"", "A"}  # SDMX code list CL_OBS_STATUS: A = normal value
UNIT_MULT = re.compile(r"-?[0-9]{1,2}")  # SDMX CL_UNIT_MULT: powers of ten, 0 to 12 (and a few negatives)
_MULTIPLE_WORDS = {3: "thousands", 6: "millions", 9: "billions", 12: "trillions"}


def attribute_code(attribute: Mapping, index: Any) -> str | None:
    """The code an attribute's value list holds at `index`; None for a null index or a null entry."""
    values = attribute.get("values")
    if index is None or isinstance(index, bool) or not isinstance(values, list):
        return None
    try:
        entry = values[int(index)]
    except (ValueError, IndexError, TypeError):
        raise ConnectorError(
            f"An attribute index ({index!r}) points past the values of attribute {attribute.get('id')}"
        ) from None
    if isinstance(entry, Mapping) and entry.get("id") is not None:
        return str(entry["id"])
    return None


def unit_multiplier_option(text: str | None) -> bool:
    """True to apply UNIT_MULT (the default), False to keep the values as published."""
    choice = (text or "apply").strip().lower()
    if choice not in ("apply", "ignore"):
        raise ConnectorError(f"The option unit_multiplier is 'apply' or 'ignore', not '{text}'")
    return choice == "apply"


def scale(raw: Any, multiplier: str | None, *, apply: bool) -> tuple[Any, str]:
    """The value times 10**UNIT_MULT, exactly (decimal shift, no float), and a note saying what was done."""
    if multiplier is None or multiplier.strip() in ("", "0"):
        return raw, ""
    code = multiplier.strip()
    if not UNIT_MULT.fullmatch(code):
        raise ConnectorError(f"UNIT_MULT '{code[:20]}' is not a power of ten")
    power = int(code)
    words = _MULTIPLE_WORDS.get(power, f"units of 10^{power}")
    if not apply:
        return raw, f"UNIT_MULT={power} not applied (published in {words})"
    if raw is None or isinstance(raw, bool):
        return raw, f"UNIT_MULT={power}"
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        return raw, f"UNIT_MULT={power}"  # not a number: make_row reports it as missing
    if not number.is_finite():
        return raw, f"UNIT_MULT={power}"
    sign, digits, exponent = number.as_tuple()
    shifted = Decimal((sign, digits, exponent + power))  # exact at any length (scaleb rounds to 28 digits)
    return f"{shifted:f}", f"UNIT_MULT={power} applied: published as {raw} ({words})"


def series_filter(text: str | None, key_dimensions: Sequence[str]) -> dict[str, set[str]]:
    """Read the ``series`` option.

    It is either an SDMX key in dimension order (``D.USD.EUR.SP00.A``; an empty part matches anything and
    ``NZD+RUB`` means either value) or a list of ``DIM=VALUE,DIM2=VALUE2`` pairs.
    """
    if not text or not text.strip():
        return {}
    text = text.strip()
    if "=" in text:
        wanted = {k: {p for v in vs for p in v.split("+")} for k, vs in parse_filters(text, "series").items()}
    else:
        parts = text.split(".")
        if len(parts) != len(key_dimensions):
            raise ConnectorError(
                f"The series key '{text}' has {len(parts)} parts but this data has {len(key_dimensions)} "
                f"dimensions ({'.'.join(key_dimensions)})"
            )
        wanted = {dim: set(part.split("+")) for dim, part in zip(key_dimensions, parts, strict=True) if part}
    unknown = [dim for dim in wanted if dim not in key_dimensions]
    if unknown:
        raise ConnectorError(
            f"Dimension '{unknown[0]}' is not in this data (dimensions: {', '.join(key_dimensions)})"
        )
    return wanted


def check_known_values(wanted: Mapping[str, set[str]], available: Mapping[str, set[str]], text: str) -> None:
    """Fail clearly when the ``series`` option names a code the data doesn't have at all."""
    for dim, values in wanted.items():
        present = available.get(dim, set())
        if not values & present:
            raise ConnectorError(
                f"No series matches '{text}': {dim} has no value {describe_values(values)} "
                f"(values: {describe_values(present)})"
            )


def check_single_series(keys: Sequence[Mapping[str, str]], ignore: set[str]) -> None:
    """The rows must form one series (apart from the geography dimension), or SourceRow would mix them."""
    varying: dict[str, set[str]] = {}
    for key in keys:
        for dim, value in key.items():
            if dim not in ignore:
                varying.setdefault(dim, set()).add(value)
    several = {dim: values for dim, values in varying.items() if len(values) > 1}
    if several:
        dim, values = next(iter(several.items()))
        details = "; ".join(f"{d}: {describe_values(v)}" for d, v in several.items())
        raise ConnectorError(
            f"The response holds several series ({details}). Choose one with the option 'series', "
            f"e.g. {dim}={sorted(values)[0]}"
        )
