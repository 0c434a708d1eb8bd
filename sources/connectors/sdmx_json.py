"""SDMX-JSON data messages, versions 1.0 and 2.x (OECD, ECB, Eurostat, IMF...).

- 1.0: top-level ``structure`` + ``dataSets``.
- 2.x: ``data.structures[]`` (or ``data.structure``) + ``data.dataSets[]``; each data set points to its
  structure by index.
Series keys ("0:1:0") index into ``dimensions.series[i].values``. Observation keys index into
``dimensions.observation``, which holds TIME_PERIOD, or every dimension when the message is flat
(``dimensionAtObservation=AllDimensions``, ``dataSets[0].observations``). An observation is
``[value, attribute index, ...]``. In 2.x with several measures, the first measure is used.

Numbers are read with ``parse_float=str``, so values keep their published digits. ``null``, ``"NaN"`` and
other non-numbers become suppressed rows. A status other than OBS_STATUS ``A`` is kept in the note.
After the ``series`` filter, the rows must form one series; a mix of series raises an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ._sdmx import (
    OBS_STATUS_NORMAL,
    attribute_code,
    check_known_values,
    check_single_series,
    scale,
    series_filter,
    unit_multiplier_option,
)
from .base import ConnectorError, SourceRow, finish, load_json, make_row

OPTIONS = {
    "series": "SDMX key in dimension order (e.g. D.NZD.EUR.SP00.A; empty part = any, NZD+RUB = either) "
    "or dimension filters DIM=VALUE[,DIM2=VALUE2].",
    "geography_dimension": "Dimension whose code becomes the geography. Default: REF_AREA (none if absent).",
    "unit_multiplier": "'apply' (default): a UNIT_MULT attribute (data set, series or observation level) "
    "scales the values exactly, e.g. 1.5 with UNIT_MULT=6 becomes 1500000; 'ignore': keep the published "
    "values. Either way each row's note says what was done.",
}


def _locate(data: Any) -> list[tuple[dict, dict]]:
    """Return (structure, dataSet) pairs for version 1.0 and 2.x messages."""
    if not isinstance(data, dict):
        raise ConnectorError("The response is not an SDMX-JSON data message")
    body = data.get("data") if isinstance(data.get("data"), dict) else data
    datasets = body.get("dataSets")
    structures = body.get("structures")
    if not isinstance(structures, list):
        structures = [body.get("structure")]
    if not isinstance(datasets, list) or not datasets:
        raise ConnectorError("The response has no 'dataSets' (it is not an SDMX-JSON data message)")
    pairs = []
    for dataset in datasets:
        index = dataset.get("structure", 0) if isinstance(dataset, dict) else 0
        structure = structures[index] if isinstance(index, int) and 0 <= index < len(structures) else None
        if not isinstance(dataset, dict) or not isinstance(structure, dict):
            raise ConnectorError("The response has no 'structure' describing its data set")
        if not isinstance(structure.get("dimensions"), dict):
            raise ConnectorError("The response structure has no 'dimensions'")
        if not all(
            isinstance(structure["dimensions"].get(g) or [], list)
            for g in ("dataSet", "series", "observation")
        ):
            raise ConnectorError("The response structure has no 'dimensions'")
        pairs.append((structure, dataset))
    return pairs


def _dicts(value: Any) -> list[dict]:
    """The objects of a list that may hold nulls (or be missing)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _is_time(dim: dict) -> bool:
    roles = dim.get("roles") or [dim.get("role")]
    roles = roles if isinstance(roles, list) else [roles]
    return dim.get("id") in ("TIME_PERIOD", "TIME") or "TIME_PERIOD" in roles or "time" in roles


def _decode(key: str, dims: list[dict], what: str) -> dict[str, str]:
    parts = key.split(":") if key != "" else []
    if len(parts) != len(dims):
        raise ConnectorError(
            f"The {what} key '{key}' does not match the {len(dims)} dimensions in the structure"
        )
    result = {}
    for part, dim in zip(parts, dims, strict=True):
        try:
            result[dim["id"]] = str(dim["values"][int(part)]["id"])
        except (ValueError, IndexError, KeyError, TypeError, AttributeError):
            raise ConnectorError(
                f"The {what} key '{key}' points to a value missing from dimension {dim.get('id')}"
            )
    return result


def _observations(structure: dict, dataset: dict) -> Iterator[tuple[dict[str, str], Any, dict]]:
    dims = structure["dimensions"]
    fixed = {
        str(d.get("id")): code
        for d in _dicts(dims.get("dataSet"))
        if (code := attribute_code(d, 0)) is not None
    }
    series_dims, obs_dims = _dicts(dims.get("series")), _dicts(dims.get("observation"))
    if isinstance(dataset.get("series"), dict):
        for series_key, series in dataset["series"].items():
            if not isinstance(series, dict):
                raise ConnectorError(f"The series '{series_key}' is not an object")
            base = {**fixed, **_decode(str(series_key), series_dims, "series")}
            observations = series.get("observations") or {}
            if not isinstance(observations, dict):
                raise ConnectorError(f"The observations of series '{series_key}' are not an object")
            for obs_key, obs in observations.items():
                yield {**base, **_decode(str(obs_key), obs_dims, "observation")}, obs, series
    elif isinstance(dataset.get("observations"), dict):
        for obs_key, obs in dataset["observations"].items():
            yield {**fixed, **_decode(str(obs_key), obs_dims, "observation")}, obs, {}


def _key_dimensions(dims: dict) -> tuple[list[str], str]:
    every = [d for group in ("dataSet", "series", "observation") for d in _dicts(dims.get(group))]
    time = [str(d.get("id")) for d in every if _is_time(d)]
    if not time:
        raise ConnectorError("The response structure has no TIME_PERIOD dimension")
    keyed = [d for d in every if not _is_time(d)]
    if all(isinstance(d.get("keyPosition"), int) for d in keyed):
        keyed.sort(key=lambda d: d["keyPosition"])
    return [str(d.get("id")) for d in keyed], time[0]


class _Attributes:
    """Where OBS_STATUS and UNIT_MULT are declared (data set, series or observation level) and how to read
    them. Attribute value lists and the index arrays pointing into them may hold null (SDMX-JSON allows it
    to shorten messages): a null is "no value", never an error."""

    def __init__(self, structure: dict, dataset: dict, measures: int):
        attributes = structure.get("attributes") if isinstance(structure.get("attributes"), dict) else {}
        self.levels = {level: _dicts(attributes.get(level)) for level in ("dataSet", "series", "observation")}
        self.dataset = dataset
        self.measures = measures

    def code(self, concept: str, series: dict, obs: list) -> str | None:
        found = None
        for level, indices in (
            ("dataSet", self.dataset.get("attributes")),
            ("series", series.get("attributes")),
            ("observation", obs[self.measures :]),
        ):
            for position, attribute in enumerate(self.levels[level]):
                if attribute.get("id") != concept:
                    continue
                index = _at(indices, position)
                if index is None and level == "dataSet":
                    index = 0  # a data-set attribute with one value need not be pointed at
                code = attribute_code(attribute, index)
                found = code if code is not None else found
        return found


def _at(values: Any, position: int) -> Any:
    return values[position] if isinstance(values, list) and 0 <= position < len(values) else None


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    pairs = _locate(load_json(content))
    geo_dim = options.get("geography_dimension") or "REF_AREA"
    text = options.get("series") or ""
    apply = unit_multiplier_option(options.get("unit_multiplier"))
    rows, keys = [], []
    for structure, dataset in pairs:
        dims = structure["dimensions"]
        key_dims, time_dim = _key_dimensions(dims)
        wanted = series_filter(text, key_dims)
        available = {
            str(d.get("id")): {str(v.get("id")) for v in _dicts(d.get("values"))}
            for group in ("dataSet", "series", "observation")
            for d in _dicts(dims.get(group))
        }
        check_known_values(wanted, available, text)
        measures = structure.get("measures") if isinstance(structure.get("measures"), dict) else {}
        count = (
            len(measures.get("observation") or [None]) if isinstance(measures.get("observation"), list) else 1
        )
        attributes = _Attributes(structure, dataset, count)
        for key, obs, series in _observations(structure, dataset):
            if any(key.get(dim) not in values for dim, values in wanted.items()):
                continue
            obs = obs if isinstance(obs, list) else [obs]
            raw = obs[0] if obs else None
            if isinstance(raw, (dict, list)):
                raise ConnectorError(f"The observation for {key.get(time_dim)} is not a number or text")
            notes = []
            status = attributes.code("OBS_STATUS", series, obs)
            if status is not None and status not in OBS_STATUS_NORMAL:
                notes.append(f"OBS_STATUS={status}")
            raw, note = scale(raw, attributes.code("UNIT_MULT", series, obs), apply=apply)
            notes += [note] if note else []
            keys.append({k: v for k, v in key.items() if k != time_dim})
            rows.append(make_row(key[time_dim], raw, key.get(geo_dim), note="; ".join(notes)))
    if text and not rows:
        raise ConnectorError(f"No series matches '{text}'")
    check_single_series(keys, {geo_dim})
    return finish(rows)
