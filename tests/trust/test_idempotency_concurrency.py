"""Issue 10, item 4: six concurrent retries with one Idempotency-Key, as real HTTP requests to a live server
on PostgreSQL, all get the first answer (they used to give 5 x 500), and the rows are written once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import connection
from rest_framework.authtoken.models import Token

from metrics.models import Observation, Upload
from tests.metrics import ingest_world

ROWS = [
    {"metric": "gld", "period": str(year), "geography": "K02000001", "value": str(year - 1960)}
    for year in range(2010, 2024)
]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_return_the_first_answer(
    reference_data, organisations, users, live_server
):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency of the key lock is a PostgreSQL property (SQLite serialises writers)")
    ingest_world.build(organisations)
    token = Token.objects.create(user=users["analyst"]).key

    def send(_):
        return requests.post(
            f"{live_server.url}/api/v1/observations/",
            json=ROWS,
            headers={"Authorization": f"Token {token}", "Idempotency-Key": "retry-storm"},
            timeout=60,
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(send, range(6)))
    assert [a.status_code for a in answers] == [201] * 6, [a.text[:200] for a in answers]
    assert len({a.json()["upload"] for a in answers}) == 1
    assert all(a.json()["created"] == len(ROWS) for a in answers)
    assert Observation.objects.count() == len(ROWS) and Upload.objects.count() == 1
