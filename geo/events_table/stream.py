"""The default engine: the events table read, placed and counted one batch at a time in this
process, the joined events written as it goes, so memory stays the same whatever the rows.
Also where a build runs its engine (`count_events`): this one, or Dask (`on_dask.py`)."""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pyarrow as pa

from ..errors import AtlasError
from ..stopwatch import Stopwatch, timed
from .joined import JoinedWriter, joined_table
from .place import Geography, place_batch
from .progress import Progress
from .read import Batch, EventsTable, open_table
from .spec import EventsSpec
from .tally import Tally

# Threads placing batches side by side: two cores' worth (placing is most of the work, with
# reading and writing alongside); one where there is one core, as a second would only hold
# another batch in memory.
PLACERS = min(2, os.cpu_count() or 1)

if TYPE_CHECKING:
    from ..write import StagedFile


class JoinedSink(AbstractContextManager):
    """The joined events, written into a staged file in the order given, on a thread of their
    own (Parquet's encoding lets go of the GIL) while the next rows are placed, and while the
    page is made after the last. A failed write is a clean error; leaving the `with` block
    without `close` stops the writing and lets go of the half-written file."""

    def __init__(self, staged: StagedFile, timings: Stopwatch | None = None):
        self.staged, self.timings = staged, timings
        self.writer = JoinedWriter(staged.file)
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="joined-events")
        self.writing: Future | None = None
        self.closed = False

    def write_table(self, table: pa.Table) -> None:
        """Write rows made by `joined.joined_table` after those before them: waits while the
        rows before are still being written (one batch queued at a time, for memory)."""
        self._wait()
        self.writing = self.executor.submit(self._write, table)

    def _write(self, table: pa.Table) -> None:
        with timed(self.timings, "joined events"):
            try:
                self.writer.write_table(table)
            except OSError as e:
                raise self.staged.failed(e) from e
            self.staged.sync_behind()

    def _wait(self) -> None:
        if self.writing is not None:
            writing, self.writing = self.writing, None
            writing.result()  # a failed write's error, raised here

    def close(self) -> None:
        """Write what is queued, finish the file and flush it to the disk."""
        self._wait()
        self.executor.shutdown()
        try:
            self.writer.close()
        except OSError as e:
            raise self.staged.failed(e) from e
        self.staged.finish()
        self.closed = True

    def __exit__(self, kind, error, trace) -> None:
        if self.closed:
            return
        self.executor.shutdown()  # lets the write under way (at most one is queued) end
        self.writer.abandon()
        failed = self.writing.exception() if self.writing is not None else None
        if failed is None or error is None:
            return
        # The build failed while the last rows were being written (a full disk fails both):
        # the joined events' own error is the one reported, as theirs was the earlier work.
        if isinstance(failed, AtlasError) and isinstance(error, AtlasError):
            raise failed from None
        error.add_note(f"Writing the joined events had failed too: {failed!r}")


def count_events(spec: EventsSpec, geography: Geography, sink: JoinedSink | None,
                 timings: Stopwatch | None = None) -> Tally:
    """Place and count every row of the table with the spec's engine, sending the joined
    events to `sink` when given (whose `close` the caller calls once it has made the page)."""
    table = open_table(spec)
    if spec.engine == "dask":
        from .on_dask import dask_events
        return dask_events(table, geography, sink, timings)
    return stream_events(table, geography, sink, timings)


def place_and_count(table: pa.Table, first_row: int, spec: EventsSpec, geography: Geography,
                    *, joined: bool, timings: Stopwatch | None = None
                    ) -> tuple[Tally, pa.Table | None]:
    """Some rows of the table (numbered from `first_row`) placed and counted, and their joined
    rows when they are wanted: the work of one batch, on any engine's thread or worker. Only
    the small tally and the joined rows outlive it, not the placed columns."""
    placed = place_batch(table, first_row, spec, geography, timings)
    with timed(timings, "aggregate"):
        part = Tally.of(placed)
    if not joined:
        return part, None
    with timed(timings, "joined events"):
        return part, joined_table(placed)


def empty_tally(spec: EventsSpec, geography: Geography) -> Tally:
    """A tally with nothing counted yet."""
    return Tally(spec=spec, radius_m=geography.radius_m,
                 crossing_ids=sorted(geography.crossings["id"]))


def stream_events(table: EventsTable, geography: Geography, sink: JoinedSink | None,
                  timings: Stopwatch | None = None) -> Tally:
    """Read, place and count the table a batch of `spec.batch_rows` rows at a time.

    Placing (numpy, Shapely, pyproj and Arrow, which let go of the GIL) runs on `PLACERS`
    threads, two batches side by side; this thread counts the placed batches in their order
    and reads the next batch while the other is placed, and the sink's thread writes their
    joined rows in order too. So the results are the same as placing one batch after
    another, and at most PLACERS + 2 batches are in memory (two being placed, one being
    written, one waiting for the writer)."""
    spec = table.spec
    tally = empty_tally(spec, geography)
    # CSV: bytes read of the file's size (its rows are known only once read); Parquet: rows.
    total = table.size if table.csv else table.rows()
    placing: deque[Future] = deque()

    def place(batch: Batch) -> tuple[Tally, pa.Table | None]:
        return place_and_count(batch.table, batch.first_row, spec, geography,
                               joined=sink is not None, timings=timings)

    def count_next() -> None:
        """Count (and send to be written) the oldest batch being placed, once placed."""
        part, joined = placing.popleft().result()
        with timed(timings, "aggregate"):
            tally.merge(part)
        if joined is not None:
            sink.write_table(joined)
            del joined
        progress.advance(rows=part.read, amount=0 if table.csv else part.read)

    with Progress(spec.table.name, total, "bytes" if table.csv else "rows") as progress, \
            ThreadPoolExecutor(PLACERS, thread_name_prefix="place") as placers:
        # A failure (a bad file, a full disk) stops the reading: no batch after it is placed,
        # and leaving the block waits for the one still being placed.
        batches = table.batches(spec.batch_rows, on_bytes=(
            (lambda n: progress.advance(amount=n)) if table.csv else None))
        while True:
            with timed(timings, "read"):
                batch = next(batches, None)
            if batch is None:
                break
            placing.append(placers.submit(place, batch))
            del batch
            if len(placing) >= PLACERS:
                count_next()
        while placing:
            count_next()
    return tally

