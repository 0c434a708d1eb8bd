"""Configuration a newcomer and an operator rely on: production refuses to start without its secrets,
passes Django's deployment checklist, and Celery switches from the filesystem broker to Redis."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "a-test-only-secret-key-that-is-long-and-random-enough-0123456789-abcdefghijklmnop"


def manage(*args, **env):
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="example.gov.uk"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_deployment_checklist_reports_nothing():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="example.gov.uk",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "env,expected",
    [({}, "filesystem://"), ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "redis://127.0.0.1:6379/3")],
)
def test_celery_broker_defaults_to_the_filesystem_and_switches_to_redis(env, expected, tmp_path):
    code = "import django; django.setup(); from config import celery_app; print(celery_app.conf.broker_url)"
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.local", MISSION_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.stdout.strip() == expected, result.stderr


def test_database_url_switches_to_postgresql(tmp_path):
    code = "import django; django.setup(); from django.db import connection; print(connection.vendor)"
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        MISSION_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://root@127.0.0.1:5432/anything",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.stdout.strip() == "postgresql", result.stderr
