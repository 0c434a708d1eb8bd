"""Live progress of a file the worker is checking or writing: rows read and checked so far and the phase
(reading, validating, writing), recorded at bounded intervals through `upload_progress` (every
`every_rows` rows or `every_seconds`, whichever comes first), with the total estimated from the file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from metrics.models import Upload

EVERY_ROWS = 50_000
EVERY_SECONDS = 1.0
_CLOCK_EVERY = 1_000  # rows between looks at the clock (the loop handles a million rows in seconds)


def estimate_rows(handle: IO[bytes], fmt: str) -> int | None:
    """About how many data rows a file has: its line breaks less the header for CSV (one quick pass over
    the bytes, then back to the start); unknown (None) for a workbook."""
    if fmt != Upload.Format.CSV:
        return None
    lines, last = 0, b""
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        lines += chunk.count(b"\n")
        last = chunk
    handle.seek(0)
    if last and not last.endswith(b"\n"):
        lines += 1  # a last line without a break
    return max(lines - 1, 0)


class Progress:
    """Counts rows as they flow to the validator and records the phase and count now and then."""

    def __init__(
        self,
        upload_id: int,
        *,
        total: int | None = None,
        every_rows: int = EVERY_ROWS,
        every_seconds: float = EVERY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.upload_id, self.total = upload_id, total
        self.every_rows, self.every_seconds, self.clock = every_rows, every_seconds, clock
        self.rows = 0
        self._next_rows = every_rows  # recorded at every multiple of every_rows
        self._recorded_at = clock()
        self.phase_now = ""

    def phase(self, phase: str) -> None:
        self.phase_now = phase
        self._record()

    def counting(self, rows: Iterable) -> Iterator:
        """The rows unchanged, counted; the first one starts the validating phase."""
        look = max(1, min(self.every_rows, _CLOCK_EVERY))
        for self.rows, row in enumerate(rows, 1):
            if self.rows == 1:
                self.phase(Upload.Phase.VALIDATING)
            yield row
            if self.rows % look == 0 and (
                self.rows >= self._next_rows or self.clock() - self._recorded_at >= self.every_seconds
            ):
                self._record()
        self._record()

    def _record(self) -> None:
        from metrics.ingest.services import upload_progress

        upload_progress(upload_id=self.upload_id, phase=self.phase_now, rows=self.rows, total=self.total)
        self._next_rows = (self.rows // self.every_rows + 1) * self.every_rows
        self._recorded_at = self.clock()
