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

from ._sdmx import OBS_STATUS_NORMAL, check_known_values, check_single_series, series_filter
from .base import ConnectorError, SourceRow, finish, load_json, make_row

OPTIONS = {
    "series": "SDMX key in dimension order (e.g. D.NZD.EUR.SP00.A; empty part = any, NZD+RUB = either) "
    "or dimension filters DIM=VALUE[,DIM2=VALUE2].",
    "geography_dimension": "Dimension whose code becomes the geography. Default: REF_AREA (none if absent).",
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
        pairs.append((structure, dataset))
    return pairs


def _is_time(dim: dict) -> bool:
    roles = dim.get("roles") or [dim.get("role")]
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
        except (ValueError, IndexError, KeyError, TypeError):
            raise ConnectorError(
                f"The {what} key '{key}' points to a value missing from dimension {dim.get('id')}"
            )
    return result


def _observations(structure: dict, dataset: dict) -> Iterator[tuple[dict[str, str], Any]]:
    dims = structure["dimensions"]
    fixed = {d["id"]: str(d["values"][0]["id"]) for d in dims.get("dataSet") or [] if d.get("values")}
    series_dims, obs_dims = dims.get("series") or [], dims.get("observation") or []
    if isinstance(dataset.get("series"), dict):
        for series_key, series in dataset["series"].items():
            base = {**fixed, **_decode(series_key, series_dims, "series")}
            for obs_key, obs in (series.get("observations") or {}).items():
                yield {**base, **_decode(obs_key, obs_dims, "observation")}, obs
    elif isinstance(dataset.get("observations"), dict):
        for obs_key, obs in dataset["observations"].items():
            yield {**fixed, **_decode(obs_key, obs_dims, "observation")}, obs


def _key_dimensions(dims: dict) -> tuple[list[str], str]:
    every = [d for group in ("dataSet", "series", "observation") for d in dims.get(group) or []]
    time = [d["id"] for d in every if _is_time(d)]
    if not time:
        raise ConnectorError("The response structure has no TIME_PERIOD dimension")
    keyed = [d for d in every if not _is_time(d)]
    if all(isinstance(d.get("keyPosition"), int) for d in keyed):
        keyed.sort(key=lambda d: d["keyPosition"])
    return [d["id"] for d in keyed], time[0]


def parse(content: bytes, options: Mapping[str, str]) -> list[SourceRow]:
    pairs = _locate(load_json(content))
    geo_dim = options.get("geography_dimension") or "REF_AREA"
    text = options.get("series") or ""
    rows, keys = [], []
    for structure, dataset in pairs:
        dims = structure["dimensions"]
        key_dims, time_dim = _key_dimensions(dims)
        wanted = series_filter(text, key_dims)
        available = {
            d["id"]: {str(v.get("id")) for v in d.get("values") or []}
            for group in ("dataSet", "series", "observation")
            for d in dims.get(group) or []
        }
        check_known_values(wanted, available, text)
        measures = (structure.get("measures") or {}).get("observation") or [None]
        attributes = (structure.get("attributes") or {}).get("observation") or []
        status_at = next((i for i, a in enumerate(attributes) if a.get("id") == "OBS_STATUS"), None)
        for key, obs in _observations(structure, dataset):
            if any(key.get(dim) not in values for dim, values in wanted.items()):
                continue
            obs = obs if isinstance(obs, list) else [obs]
            raw = obs[0] if obs else None
            note = ""
            extra = obs[len(measures) :]
            if status_at is not None and status_at < len(extra) and extra[status_at] is not None:
                try:
                    code = str(attributes[status_at]["values"][int(extra[status_at])].get("id", ""))
                except (ValueError, IndexError, KeyError, TypeError):
                    code = ""
                note = f"OBS_STATUS={code}" if code not in OBS_STATUS_NORMAL else ""
            keys.append({k: v for k, v in key.items() if k != time_dim})
            rows.append(make_row(key[time_dim], raw, key.get(geo_dim), note=note))
    if text and not rows:
        raise ConnectorError(f"No series matches '{text}'")
    check_single_series(keys, {geo_dim})
    return finish(rows)
