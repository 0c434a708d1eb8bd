"""Series-key handling shared by the SDMX-JSON and SDMX-CSV connectors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .base import ConnectorError, describe_values, parse_filters

OBS_STATUS_NORMAL = {"", "A"}  # SDMX code list CL_OBS_STATUS: A = normal value


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
