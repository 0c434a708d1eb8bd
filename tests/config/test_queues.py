"""Celery queues by kind of work (issue 13): every task lands on a queue that a worker consumes, in
docker-compose (one service per kind, scaled apart) and in `make demo` (one worker takes them all)."""

import re
from pathlib import Path

import yaml

from config.celery import TASK_KINDS, app, route_by_kind

ROOT = Path(__file__).resolve().parents[2]


def _our_tasks() -> set[str]:
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith("celery.")}


def _queue_of(name: str) -> str:
    routed = route_by_kind(name, (), {}, {})
    return routed["queue"] if routed else app.conf.task_default_queue


def _consumed(command: str) -> set[str]:
    match = re.search(r"-Q\s+(\S+)", command)
    return set(match.group(1).split(",")) if match else {app.conf.task_default_queue}


def test_every_task_has_a_kind_and_each_kind_its_own_queue():
    assert _our_tasks() <= set(TASK_KINDS), "a new task needs a kind in config/celery.py TASK_KINDS"
    assert {_queue_of(name) for name in TASK_KINDS} == {"pulls", "uploads", "packs"}
    assert _queue_of("metrics.ingest.tasks.upload_process") == "uploads"
    assert _queue_of("councils.tasks.build_checkin_pack") == "packs"


def test_compose_runs_one_worker_service_per_queue_and_consumes_every_task():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    workers = {n: _consumed(s["command"]) for n, s in services.items() if " worker" in s.get("command", "")}
    assert {"worker-pulls", "worker-uploads", "worker-packs"} <= set(workers)
    assert workers["worker-uploads"] == {"uploads"} and workers["worker-packs"] == {"packs"}
    consumed = set().union(*workers.values())
    assert {_queue_of(name) for name in _our_tasks()} <= consumed


def test_the_demo_worker_takes_every_queue():
    makefile = (ROOT / "Makefile").read_text()
    command = next(line for line in makefile.splitlines() if "celery -A config worker" in line)
    assert {_queue_of(name) for name in _our_tasks()} | {app.conf.task_default_queue} <= _consumed(command)


def test_queue_names_come_from_settings_at_send_time(settings):
    settings.TASK_QUEUES_BY_KIND = {"pulls": "private-pulls"}
    assert route_by_kind("metrics.tasks.source_pull", (), {}, {}) == {"queue": "private-pulls"}
    assert route_by_kind("metrics.ingest.tasks.upload_process", (), {}, {}) is None  # default queue
