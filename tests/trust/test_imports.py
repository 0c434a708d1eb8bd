"""Issue 10, items 4-7 and 12: idempotency keys per sender, 400s naming the field, XLSX read whole and
bounded, large files to the worker with 202, errors capped."""

import io
import zipfile

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from metrics.models import Observation, Upload
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file, xlsx_file

pytestmark = pytest.mark.django_db

ROW = {"metric": "gld", "period": "2023", "geography": "K02000001", "value": "67"}


@pytest.fixture
def world(organisations):
    return ingest_world.build(organisations)


def token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")


def post_rows(client, rows, key=None, query=""):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(f"/api/v1/observations/{query}", rows, content_type="application/json", **headers)


# Item 4 ------------------------------------------------------------------------------------------------


def test_an_idempotency_key_belongs_to_its_sender(world, users):
    """Another organisation's key used to return that organisation's summary and drop the caller's rows."""
    centre = token_client(users["centre"])
    first = post_rows(centre, [ROW, {**ROW, "value": "oops"}], key="batch-1")
    assert first.status_code == 400
    analyst = token_client(users["analyst"])
    mine = post_rows(analyst, [{**ROW, "period": "2022"}], key="batch-1")
    assert mine.status_code == 201, mine.json()
    assert mine.json()["created"] == 1 and mine.json()["errors"] == []
    assert Observation.objects.filter(period_start__year=2022).count() == 1


def test_a_resent_key_returns_the_first_answer_and_a_different_payload_is_422(world, users):
    client = token_client(users["analyst"])
    first = post_rows(client, [ROW], key="k-1")
    again = post_rows(client, [ROW], key="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json()["upload"] == first.json()["upload"]
    assert Observation.objects.count() == 1 and Upload.objects.count() == 1
    different = post_rows(client, [{**ROW, "value": "68"}], key="k-1")
    assert different.status_code == 422
    assert different.json()["code"] == "idempotency_key_reused"
    assert Observation.objects.get().value == 67


# Item 5 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["x" * 201, "bad\x00key", ""], ids=["over-long", "nul", "empty"])
def test_a_malformed_idempotency_key_is_a_400_naming_the_header(world, users, key):
    response = post_rows(token_client(users["analyst"]), [ROW], key=key)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


@pytest.mark.parametrize("bad", [["2023"], {"year": 2023}])
def test_a_field_that_is_a_list_or_object_is_a_400_naming_it(world, users, bad):
    response = post_rows(token_client(users["analyst"]), [ROW, {**ROW, "period": bad}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "rows[1].period"


def test_an_impossible_as_of_is_a_400_naming_it(world, client_for):
    response = client_for("analyst").get("/api/v1/metrics/gld/observations/?as_of=2025-13-45T00:00:00")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "as_of"


@pytest.mark.parametrize("column", ["note", "metric", "value"])
def test_nul_bytes_in_text_are_a_400_naming_the_column(world, users, column):
    row = {**ROW, "note": "fine"}
    row[column] = row[column][:2] + "\x00" + row[column][2:]
    response = post_rows(token_client(users["analyst"]), [row])
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert errors[0]["column"] == column and "NUL" in errors[0]["message"]
    assert Observation.objects.count() == 0


def test_an_xlsx_with_a_doctype_is_refused_naming_the_file(world, users):
    data = _xlsx_bytes([["metric", "period", "geography", "value"], ["gld", "2023", "K02000001", "67"]])
    evil = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = _rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: evil + xml)
    response = _post_file(token_client(users["analyst"]), data, "evil.xlsx")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["column"] == "file"
    assert Observation.objects.count() == 0


# Item 6 ------------------------------------------------------------------------------------------------


def test_an_xlsx_whose_declared_dimension_is_too_small_is_read_whole(world, users):
    rows = [["metric", "period", "geography", "value"]] + [
        ["gld", str(year), "K02000001", str(60 + i)] for i, year in enumerate(range(2019, 2024))
    ]
    data = _rewrite(_xlsx_bytes(rows), "xl/worksheets/sheet1.xml", _shrink_dimension)
    response = _post_file(token_client(users["analyst"]), data, "five.xlsx")
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 5
    assert Observation.objects.count() == 5


# Item 7 ------------------------------------------------------------------------------------------------


def test_an_xlsx_whose_shared_strings_unzip_beyond_the_limit_is_refused_before_reading(
    world, users, settings
):
    settings.XLSX_MAX_SHARED_STRINGS_BYTES = 50_000
    rows = [["metric", "period", "geography", "value"], ["gld", "2023", "K02000001", "67"]]
    strings = "<sst>" + "<si><t>aaaaaaaaaa</t></si>" * 5000 + "</sst>"  # ~125 KB unzipped, ~1 KB zipped
    data = _add_member(_xlsx_bytes(rows), "xl/sharedStrings.xml", strings)
    assert len(data) < 20_000
    response = _post_file(token_client(users["analyst"]), data, "strings.xlsx")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["column"] == "file" and "shared text" in error["message"]


def test_an_xlsx_with_more_rows_than_the_limit_is_refused(world, users, settings):
    settings.XLSX_MAX_ROWS = 3
    rows = [["metric", "period", "geography", "value"]] + [
        ["gld", str(year), "K02000001", "60"] for year in range(2018, 2024)
    ]
    response = _post_file(token_client(users["analyst"]), _xlsx_bytes(rows), "many.xlsx")
    assert response.status_code == 400
    assert "more than 3 data rows" in response.json()["errors"][-1]["message"]
    assert Observation.objects.count() == 0


def test_a_large_file_goes_to_the_worker_with_202_and_the_uploads_url(
    world, users, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_INLINE_MAX_BYTES = 100
    client = token_client(users["analyst"])
    body = HEADER + "".join(f"gld,{year},K02000001,{year - 1960}\n" for year in range(2015, 2024))
    with django_capture_on_commit_callbacks(execute=True):  # eager Celery: the worker's part runs here
        response = client.post("/api/v1/uploads/", {"file": csv_file(body)}, HTTP_IDEMPOTENCY_KEY="big-1")
    assert response.status_code == 202, response.content
    url = response.json()["url"]
    assert response["Location"] in url
    followed = client.get(url).json()
    assert followed["status"] == "committed" and followed["summary"]["created"] == 9
    assert Observation.objects.count() == 9


# Item 12: what is echoed is capped -----------------------------------------------------------------------


def test_a_huge_bad_value_is_not_echoed_whole(world, users):
    response = post_rows(token_client(users["analyst"]), [{**ROW, "value": "9" * 20 + "x" * 200_000}])
    assert response.status_code == 400
    assert len(response.content) < 5_000
    assert len(Upload.objects.get().errors[0]["message"]) <= 300


# helpers -------------------------------------------------------------------------------------------------


def _xlsx_bytes(rows) -> bytes:
    return xlsx_file(rows).read()


def _rewrite(data: bytes, member: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content.decode()).encode()
            target.writestr(info, content)
    return out.getvalue()


def _add_member(data: bytes, member: str, text: str) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as target:
        target.writestr(member, text)
    return out.getvalue()


def _shrink_dimension(xml: str) -> str:
    import re

    if "<dimension" in xml:
        return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:D2"', xml)
    return xml.replace("<sheetViews>", '<dimension ref="A1:D2"/><sheetViews>', 1)


def _post_file(client, data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/api/v1/uploads/", {"file": SimpleUploadedFile(name, data)})
