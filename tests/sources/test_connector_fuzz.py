"""Issue 15: hypothesis fuzzing of every connector's parser. Any input gives rows or a ConnectorError (a
clear, plain-English message), never another exception: random bytes, random JSON, random CSV built from each
format's own column names, and the real samples with parts replaced by random values (nulls included)."""

import copy
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.connectors import CONNECTORS, ConnectorError, SourceRow, parse

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

OPTIONS = {
    "ons_timeseries": {},
    "ons_api": {},
    "nomis_csv": {},
    "sdmx_json": {},
    "sdmx_csv": {},
    "owid_csv": {"column": "co2", "entity": "United Kingdom"},
    "csv": {"period_column": "year", "value_column": "value"},
}
JSON_SAMPLES = {
    "ons_timeseries": ["ons_timeseries_ihyq_pn2_data.json"],
    "ons_api": ["ons_beta_api_cmd_observations_cpih01_single.json"],
    "sdmx_json": ["sdmx_json_v1_exr_time_series_sample.json", "sdmx_json_v2_exr_time_series_sample.json"],
}
HEADERS = {
    "nomis_csv": ["DATE", "DATE_NAME", "GEOGRAPHY_CODE", "GEOGRAPHY_NAME", "OBS_VALUE", "OBS_STATUS"],
    "sdmx_csv": [
        "DATAFLOW",
        "STRUCTURE",
        "REF_AREA",
        "FREQ",
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_STATUS",
        "UNIT_MULT",
    ],
    "owid_csv": ["country", "year", "iso_code", "co2", "population"],
    "csv": ["year", "value", "area", "period"],
    "ons_timeseries": ["date", "value"],
    "ons_api": ["time", "value"],
    "sdmx_json": ["TIME_PERIOD", "OBS_VALUE"],
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
cells = st.one_of(
    st.sampled_from(
        ["", "..", "x", "[c]", "NaN", "2024", "2024-01-01", "2023/24", "1,234", "1e400", "6", "-3"]
    ),
    st.text(max_size=10),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)


def check(connector: str, content: bytes, options: dict) -> None:
    try:
        rows = parse(connector, content, options)
    except ConnectorError as exc:
        assert str(exc).strip(), "a ConnectorError must say what is wrong"
        return
    assert isinstance(rows, list) and all(isinstance(r, SourceRow) for r in rows)
    for row in rows:
        assert row.value is None or isinstance(row.value, str)
        assert isinstance(row.period, str)


def _mutate(document, data) -> object:
    """Replace a few randomly chosen nodes of a JSON document by random JSON values."""
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 4))):
        node, parent, key = document, None, None
        for _ in range(data.draw(st.integers(0, 8))):
            if isinstance(node, dict) and node:
                parent, key = node, data.draw(st.sampled_from(sorted(node)))
            elif isinstance(node, list) and node:
                parent, key = node, data.draw(st.integers(0, len(node) - 1))
            else:
                break
            node = parent[key]
        if parent is None:
            return data.draw(json_values)
        parent[key] = data.draw(json_values)
    return document


@FUZZ
@given(connector=st.sampled_from(sorted(CONNECTORS)), content=st.binary(max_size=300))
def test_any_bytes(connector, content):
    check(connector, content, OPTIONS[connector])


@FUZZ
@given(connector=st.sampled_from(sorted(CONNECTORS)), document=json_values)
def test_any_json(connector, document):
    check(connector, json.dumps(document).encode(), OPTIONS[connector])


@FUZZ
@given(
    connector=st.sampled_from(sorted(CONNECTORS)),
    data=st.data(),
    rows=st.integers(0, 5),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_with_each_formats_columns(connector, data, rows, delimiter):
    header = data.draw(st.lists(st.sampled_from(HEADERS[connector]), min_size=1, max_size=8))
    lines = [delimiter.join(header)]
    for _ in range(rows):
        width = data.draw(st.integers(0, len(header) + 1))
        lines.append(delimiter.join(data.draw(cells).replace("\n", " ") for _ in range(width)))
    check(connector, "\n".join(lines).encode(), OPTIONS[connector])


@FUZZ
@given(
    sample=st.sampled_from([(c, name) for c, names in JSON_SAMPLES.items() for name in names]),
    data=st.data(),
)
def test_real_json_samples_with_random_parts(sample, data):
    connector, name = sample
    document = json.loads((FORMATS / name).read_text())
    check(connector, json.dumps(_mutate(document, data)).encode(), OPTIONS[connector])


@FUZZ
@given(data=st.data())
def test_sdmx_release_with_null_attributes_and_random_parts(data):
    document = json.loads((RELEASES / "sdmx_json_v1_null_attributes_unit_mult.json").read_text())
    check("sdmx_json", json.dumps(_mutate(document, data)).encode(), {})


@FUZZ
@given(
    connector=st.sampled_from(sorted(CONNECTORS)),
    options=st.dictionaries(
        st.sampled_from(["series", "filter", "column", "unit_multiplier", "delimiter"]), cells
    ),
)
def test_odd_option_values_on_the_real_samples(connector, options):
    for path in sorted(FORMATS.glob("*.csv")) + sorted(FORMATS.glob("*.json")):
        allowed = {
            k: v for k, v in {**OPTIONS[connector], **options}.items() if k in CONNECTORS[connector].options
        }
        check(connector, path.read_bytes(), allowed)
