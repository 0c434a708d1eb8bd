"""The upload page: choose a file, see the dry run, confirm; errors in the GOV.UK pattern; templates."""

import pytest
from django.core.files.storage import default_storage

from metrics.ingest.tasks import stored_name, upload_process
from metrics.models import Observation, Upload
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisations):
    return ingest_world.build(organisations)


def upload(client, django_capture_on_commit_callbacks, the_file):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uploads/", {"file": the_file})
    assert response.status_code == 302, response.content
    return response["Location"]


def test_choose_check_confirm(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("analyst")
    page = client.get("/uploads/")
    assert page.status_code == 200 and 'type="file"' in page.text
    assert "/uploads/templates/gld.csv" in page.text and "/uploads/templates/waiting.csv" not in page.text
    location = upload(
        client, django_capture_on_commit_callbacks, csv_file(HEADER + "gld,2023,E92000001,67\n")
    )
    checked = client.get(location)
    assert "Check what will change" in checked.text and "Confirm and write" in checked.text
    assert Observation.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(location + "confirm/")
    assert confirmed.status_code == 302
    done = client.get(location)
    assert "Observations written" in done.text
    assert Observation.objects.get().value == 67
    assert not default_storage.exists(stored_name(Upload.objects.get()))


def test_errors_are_shown_with_the_error_summary_and_a_table(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for("analyst")
    rows = [
        ["metric", "period", "geography", "value"],
        ["gld", 2023, "E92000001", "n/a"],
        ["nope", 2023, "E92000001", 1],
    ]
    location = upload(client, django_capture_on_commit_callbacks, xlsx_file(rows))
    page = client.get(location)
    assert "govuk-error-summary" in page.text and "nothing was written" in page.text
    assert "Row 2, value" in page.text and "There is no metric called" in page.text
    assert "Confirm and write" not in page.text
    assert client.post(location + "confirm/").status_code == 403


def test_a_page_still_working_refreshes_itself(world, client_for, users):
    pending = Upload.objects.create(
        created_by=users["analyst"],
        organisation=users["analyst"].organisation,
        format="csv",
        filename="big.csv",
        dry_run=True,
    )
    page = client_for("analyst").get(f"/uploads/{pending.pk}/")
    assert 'http-equiv="refresh"' in page.text and "Checking your file" in page.text


def test_the_task_is_safe_to_run_twice(world, client_for, django_capture_on_commit_callbacks):
    location = upload(
        client_for("analyst"), django_capture_on_commit_callbacks, csv_file(HEADER + "gld,2023,E92000001,1\n")
    )
    pk = int(location.rstrip("/").rsplit("/", 1)[1])
    upload_process(pk)
    assert Upload.objects.get(pk=pk).status == Upload.Status.DRY_RUN


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("data.pdf", "%PDF", "must be a CSV or an Excel"), ("data.csv", "", "The selected file is empty")],
)
def test_a_wrong_choice_is_explained_on_the_form(world, client_for, name, content, message):
    response = client_for("analyst").post("/uploads/", {"file": csv_file(content, name=name)})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text and message in response.text


def test_nothing_chosen_is_explained(world, client_for):
    response = client_for("analyst").post("/uploads/", {})
    assert response.status_code == 400 and "Select a CSV or Excel file" in response.text


def test_a_template_per_metric(world, client_for):
    response = client_for("analyst").get("/uploads/templates/gld.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "metric,period,geography,value,status,note"
    assert lines[1].startswith("gld,2023,K02000001,")
    assert client_for("analyst").get("/uploads/templates/waiting.csv").status_code == 404
    assert client_for("centre").get("/uploads/templates/waiting.csv").status_code == 200


@pytest.mark.parametrize("persona", ["treasury", "dfe", "dhsc", "secretariat", "accountability"])
@pytest.mark.parametrize("path", ["/uploads/", "/uploads/templates/gld.csv"])
def test_the_wrong_persona_is_refused(world, client_for, persona, path):
    assert client_for(persona).get(path).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(world, client_for):
    response = client_for(None).get("/uploads/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_another_organisations_upload_is_not_found(world, client_for, django_capture_on_commit_callbacks):
    location = upload(
        client_for("analyst"), django_capture_on_commit_callbacks, csv_file(HEADER + "gld,2023,E92000001,1\n")
    )
    assert client_for("ons_analyst").get(location).status_code == 404
    assert client_for("centre").get(location).status_code == 200
