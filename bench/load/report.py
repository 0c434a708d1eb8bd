"""What the load run measured, read back and checked: locust's stats CSV, the upload's state, the pulls."""

from __future__ import annotations

import csv
from pathlib import Path


def read_stats(path: Path) -> list[dict]:
    """Locust's `<prefix>_stats.csv`: one row per request name, then the `Aggregated` row."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def pull_runs() -> list[dict]:
    """Every pull run of the demo sources during the run (the database is this run's own)."""
    from sources.models import PullRun

    return [
        {
            "source": run.source.name,
            "outcome": run.outcome,
            "created": run.created,
            "revised": run.revised,
            "unchanged": run.unchanged,
            "error": run.error,
            "wait": (run.started_at - run.queued_at).total_seconds() if run.started_at else None,
            "took": (run.finished_at - run.started_at).total_seconds() if run.finished_at else None,
        }
        for run in PullRun.objects.select_related("source").order_by("queued_at")
    ]


def upload_state(upload: dict) -> dict:
    """The upload's summary as the API answered it at the end ({} if it never ended)."""
    return (upload.get("body") or {}).get("summary") or {}


def _ms(value: str) -> str:
    return f"{float(value):,.0f}" if value not in ("", "N/A") else "-"


def render(args, stats, upload, summary, pulls, loads, locust_seconds) -> str:
    """The closing report: totals, the per-page table, the upload, the pulls, the machine's load."""
    lines = ["", "=" * 100, "Load run report", "=" * 100]
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    if total is None:
        return "\n".join([*lines, "locust wrote no stats."])
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    lines += [
        f"users {args.users}, duration {args.duration} s (locust ran {locust_seconds:.0f} s with start and"
        f" stop), spawn rate {args.spawn_rate}/s, gunicorn workers {args.workers}",
        f"requests {requests:,}; throughput {float(total['Requests/s']):.1f} req/s; failures {failures}"
        f" (error rate {100 * failures / max(requests, 1):.2f}%)",
        "",
        f"{'page type':<34}{'requests':>9}{'fail':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'req/s':>8}",
    ]
    for row in sorted((r for r in stats if r["Name"] != "Aggregated"), key=lambda r: r["Name"]):
        lines.append(_row(f"{row['Type']} {row['Name']}", row))
    lines.append(_row("all requests", total))
    lines += ["", *_upload_lines(upload, summary), "", *_pull_lines(pulls), ""]
    if loads:
        mean = sum(loads) / len(loads)
        lines.append(
            f"load average (1 min, sampled every 5 s during the run): min {min(loads):.2f}, "
            f"mean {mean:.2f}, max {max(loads):.2f}"
        )
    return "\n".join(lines)


def _row(label: str, row: dict) -> str:
    return (
        f"{label[:33]:<34}{int(row['Request Count']):>9,}{int(row['Failure Count']):>6}"
        f"{_ms(row['50%']):>9}{_ms(row['95%']):>9}{_ms(row['99%']):>9}{_ms(row['Max Response Time']):>9}"
        f"{float(row['Requests/s']):>8.2f}"
    )


def _upload_lines(upload: dict, summary: dict) -> list[str]:
    if "posted" not in upload:
        return ["upload: never sent"]
    start = upload["posted"] - upload["run_started"]
    lines = [f"upload: POSTed {start:.0f} s into the run"]
    if "answered" in upload:
        lines[0] += f", answered {upload['status_code']} after {upload['answered'] - upload['posted']:.1f} s"
    if "ended" in upload:
        body = upload["body"]
        took = upload["ended"] - upload["posted"]
        lines.append(
            f"upload {upload['id']}: {body['status']} {took:.1f} s after the POST "
            f"(ended {upload['ended'] - upload['run_started']:.0f} s into the run); "
            f"created {summary.get('created', 0):,} revised {summary.get('revised', 0):,} "
            f"unchanged {summary.get('unchanged', 0):,} rejected {summary.get('rejected', 0):,}"
        )
    if "error" in upload:
        lines.append(f"upload error: {upload['error']}")
    return lines


def _pull_lines(pulls: list[dict]) -> list[str]:
    lines = [f"scheduled pulls: {len(pulls)} runs"]
    for source in sorted({p["source"] for p in pulls}):
        runs = [p for p in pulls if p["source"] == source]
        outcomes = {
            o: sum(1 for p in runs if p["outcome"] == o) for o in sorted({p["outcome"] for p in runs})
        }
        waits = [p["wait"] for p in runs if p["wait"] is not None]
        took = [p["took"] for p in runs if p["took"] is not None]
        lines.append(
            f"  {source[:60]}: {', '.join(f'{n} {o}' for o, n in outcomes.items())}; "
            f"observations created {sum(p['created'] for p in runs)}, "
            f"revised {sum(p['revised'] for p in runs)}, unchanged {sum(p['unchanged'] for p in runs)}; "
            f"queue wait max {max(waits, default=0):.1f} s; pull took max {max(took, default=0):.1f} s"
        )
    return lines


def problems(stats, upload, summary, pulls, rows: int, out: Path) -> list[str]:
    """What failed the run's checks."""
    found = []
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    if total is None or int(total["Request Count"]) == 0:
        found.append("locust recorded no requests")
    elif int(total["Failure Count"]):
        found.append(f"{total['Failure Count']} request(s) failed; see {out / 'locust_failures.csv'}")
    body = upload.get("body") or {}
    if body.get("status") != "committed":
        found.append(f"the upload ended {body.get('status', 'nowhere')}: {upload.get('error', summary)}")
    elif summary.get("created") != rows:
        found.append(f"the upload created {summary.get('created')} observations, not {rows}")
    if not pulls:
        found.append("no scheduled pull ran")
    if any(p["outcome"] == "failed" for p in pulls):
        found.append(
            "pull(s) failed: " + "; ".join(p["error"][:200] for p in pulls if p["outcome"] == "failed")
        )
    if not any(p["outcome"] == "succeeded" for p in pulls):
        found.append("no pull succeeded")
    return found
