"""Each trust test stores files under its own MEDIA_ROOT: on SQLite a rolled-back upload's id is used again
by the next test, so a shared folder would hand it the previous test's file."""

import pytest


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
