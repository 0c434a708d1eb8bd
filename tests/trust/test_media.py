"""Issue 10, items 1 and 2: stored files are never served by URL, in any settings module; they are written
and read through Django's storage API, which web and worker share in docker-compose."""

import importlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, clear_url_caches, resolve

import config.urls
from metrics.ingest.tasks import stored_name
from metrics.models import Upload
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER, csv_file

SETTINGS_MODULES = ["local", "test", "production"]
ROOT = Path(__file__).resolve().parents[2]


def _debug_of(module: str, monkeypatch) -> bool:
    """The DEBUG a settings module ends with, even when a developer asks for it (DEBUG=true)."""
    monkeypatch.setenv("DEBUG", "true")
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    loaded = importlib.import_module(f"config.settings.{module}")
    return importlib.reload(loaded).DEBUG


@pytest.mark.parametrize("module", SETTINGS_MODULES)
def test_no_settings_module_routes_media(module, monkeypatch, settings):
    settings.DEBUG = _debug_of(module, monkeypatch)
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        for path in ("/media/uploads/11.csv", f"{settings.MEDIA_URL}packs/2025/01/pack.pdf"):
            try:
                match = resolve(path)
            except Resolver404:
                continue
            assert match.func.__module__ != "django.views.static", f"{module} serves {path}"
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


@pytest.mark.django_db
def test_an_uploaded_file_cannot_be_downloaded_by_its_address(
    organisations, client_for, django_capture_on_commit_callbacks
):
    ingest_world.build(organisations)
    client = client_for("analyst")
    body = HEADER + "gld,2023,E92000001,67\n"
    client.post("/uploads/", {"file": csv_file(body)})
    upload = Upload.objects.get()
    assert default_storage.exists(stored_name(upload))
    for who in (None, "analyst", "centre"):
        response = client_for(who).get(f"{settings.MEDIA_URL}{stored_name(upload)}")
        assert response.status_code in (302, 404) and body.encode() not in response.content


@pytest.mark.django_db
def test_uploads_are_written_and_read_through_the_storage_api(
    organisations, client_for, settings, django_capture_on_commit_callbacks
):
    """An in-memory storage stands in for an object store: nothing may go to a local path."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    ingest_world.build(organisations)
    client = client_for("analyst")
    before = set(_files_under(settings.MEDIA_ROOT))
    with django_capture_on_commit_callbacks(execute=True):
        location = client.post("/uploads/", {"file": csv_file(HEADER + "gld,2023,E92000001,67\n")})[
            "Location"
        ]
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.DRY_RUN and upload.error_count == 0
    assert default_storage.exists(stored_name(upload))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location + "confirm/")
    upload.refresh_from_db()
    assert upload.status == Upload.Status.COMMITTED
    assert not default_storage.exists(stored_name(upload))
    assert set(_files_under(settings.MEDIA_ROOT)) == before


def test_web_and_worker_share_the_media_volume_in_docker_compose():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    mounts = {
        name: {m.split(":")[1] for m in compose["services"][name].get("volumes", [])}
        | {m.split(":")[1] for m in compose.get("x-app", {}).get("volumes", [])}
        for name in ("web", "worker-pulls", "worker-uploads", "worker-packs")
    }
    assert all("/app/var/media" in mounted for mounted in mounts.values()), mounts
    assert "media" in compose["volumes"]


def _files_under(root) -> list[str]:
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files] if os.path.isdir(root) else []
