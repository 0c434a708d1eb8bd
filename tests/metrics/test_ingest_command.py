"""`manage.py import_observations <file>`: the operators' way in, through the same import path."""

import json

import pytest
from django.core.management import CommandError, call_command

from metrics.models import Observation
from tests.metrics import ingest_world
from tests.metrics.ingest_world import HEADER

pytestmark = pytest.mark.django_db


def test_imports_a_file_and_refuses_one_with_errors(organisations, users, tmp_path, capsys):
    ingest_world.build(organisations)
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "gld,2023,E92000001,67\n")
    call_command("import_observations", str(good), "--user", "analyst")
    assert json.loads(capsys.readouterr().out)["created"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "gld,2022,E92000001,lots\n")
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_observations", str(bad))
    assert Observation.objects.count() == 1
