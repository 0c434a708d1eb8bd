"""CI runs the whole suite on both databases the product supports (issue 9, ADR 0010-databases)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_suite_on_sqlite_and_on_postgresql():
    script = (ROOT / ".ci" / "run").read_text()
    assert "env -u DATABASE_URL make test" in script  # the embedded default, as `make demo` runs
    assert 'DATABASE_URL="$POSTGRES_URL" make test' in script


def test_installs_come_from_the_lock_file():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements/lock.txt" in makefile
    assert (ROOT / "requirements" / "lock.txt").is_file()
