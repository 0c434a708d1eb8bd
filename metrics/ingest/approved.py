"""The approved-period check of the one import path (issue 10, ADR 0018), set-based on both engines.

One query finds the open approvals of the metrics a batch names; only when one of them covers a
(metric, period) of the batch do we look for the rows (a DELETE … RETURNING on the PostgreSQL staging table,
a filter of the planned rows on SQLite). Each such row becomes a RowError on its period, so the import
writes nothing (all or nothing) and the API answers 409.
"""

from __future__ import annotations

from datetime import date

from metrics.approvals import PeriodApproval
from metrics.ingest.validation import CleanRow, RowError, Validator

CODE = "period_approved"
Pair = tuple[int, date]


def open_approvals(metric_ids) -> dict[Pair, PeriodApproval]:
    """Every open approval of these metrics, keyed by (metric id, period start): one query."""
    if not metric_ids:
        return {}
    qs = PeriodApproval.objects.filter(metric_id__in=metric_ids, unlocked_at__isnull=True).select_related(
        "metric", "organisation"
    )
    return {(a.metric_id, a.period_start): a for a in qs}


def refusal(approval: PeriodApproval) -> str:
    metric = approval.metric
    return (
        f"Period {metric.period_label(approval.period_start)} of {metric.name} is approved by "
        f"{approval.organisation.name} on {approval.approved_at:%d %B %Y}; ask the owner to unlock it."
    )


def _locked_pairs(validator: Validator) -> dict[Pair, PeriodApproval]:
    approvals = open_approvals(validator.metric_ids)
    return {pair: approval for pair, approval in approvals.items() if pair in validator._tokens}


def refuse(validator: Validator, hits: list[tuple[int, Pair]], locked: dict[Pair, PeriodApproval]) -> None:
    """Record the rows of approved periods (`hits`: row number and pair) as the validator's errors."""
    messages = {pair: refusal(approval) for pair, approval in locked.items()}
    errors = [RowError(row, "period", messages[pair], CODE) for row, pair in hits]
    validator.errors = sorted(validator.errors + errors, key=lambda error: error.row)
    validator.rejected_rows += len(hits)


def refuse_staged(cursor, validator: Validator) -> None:
    """PostgreSQL: take the rows of approved periods out of the staging table, as errors."""
    from metrics.ingest.pg import STAGING

    locked = _locked_pairs(validator)
    if not locked:
        return
    metric_ids = [metric_id for metric_id, _ in locked]
    starts = [start for _, start in locked]
    cursor.execute(
        f"DELETE FROM {STAGING} WHERE (metric_id, period_start) IN "  # noqa: S608 (our identifier)
        "(SELECT * FROM unnest(%s::bigint[], %s::date[])) RETURNING row, metric_id, period_start",
        [metric_ids, starts],
    )
    hits = [(row, (metric_id, start)) for row, metric_id, start in cursor.fetchall()]
    refuse(validator, hits, locked)


def refuse_clean(clean: list[CleanRow], validator: Validator) -> list[CleanRow]:
    """SQLite: the planned rows without those of approved periods (reported as errors)."""
    locked = _locked_pairs(validator)
    if not locked:
        return clean
    kept: list[CleanRow] = []
    hits: list[tuple[int, Pair]] = []
    for row in clean:
        pair = (row.metric_id, row.period_start)
        if pair in locked:
            hits.append((row.row, pair))
        else:
            kept.append(row)
    refuse(validator, hits, locked)
    return kept
