"""A progress line on stderr while the events table is read — rows read, rate, time left — when
stderr is a terminal; nothing at all otherwise (a log stays clean). Drawn by `rich`.

Time left comes from what is known before reading: bytes for a CSV file (its rows are not
known until read), rows for Parquet (from its footers)."""

from __future__ import annotations

import sys
import time
from contextlib import AbstractContextManager


class Progress(AbstractContextManager):
    """`advance(rows, amount)` after each batch: `amount` of `total` (bytes or rows) done."""

    def __init__(self, label: str, total: int | None, unit: str):
        self.label, self.total, self.unit = label, total, unit
        self.rows, self.started = 0, time.perf_counter()
        self.bar = None
        if sys.stderr is not None and sys.stderr.isatty():
            self.bar = _line(label, total)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total, rows=0, rate="")
        return self

    def advance(self, rows: int = 0, amount: int = 0) -> None:
        """Say that `rows` more rows and `amount` more bytes (or rows) were read."""
        self.rows += rows
        if self.bar is None:
            return
        seconds = max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, advance=amount, rows=self.rows,
                        rate=f"{self.rows / seconds:,.0f} rows/s")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _line(label: str, total: int | None):
    """A one-line rich progress display on stderr, cleared when done."""
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    return Bar(TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.fields[rows]:,} rows read"), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
               console=Console(stderr=True), transient=True, redirect_stdout=False,
               redirect_stderr=False)
