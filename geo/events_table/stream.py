"""The default engine: the events table read, placed and counted one batch at a time in this
process, the joined events written as it goes, so memory stays the same whatever the rows.
Also where a build runs its engine (`count_events`): this one, or Dask (`on_dask.py`)."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from typing import TYPE_CHECKING

import pyarrow as pa

from .joined import JoinedWriter, joined_table
from .place import Geography, Placed, place_batch
from .progress import Progress
from .read import EventsTable, open_table
from .spec import EventsSpec
from .tally import Tally

if TYPE_CHECKING:
    from ..pipeline import Stopwatch
    from ..write import StagedFile


class JoinedSink:
    """The joined events, written into a staged file; a failed write is a clean error."""

    def __init__(self, staged: StagedFile):
        self.staged = staged
        self.writer = JoinedWriter(staged.file)

    def write(self, placed: Placed) -> None:
        """Add a placed batch's rows."""
        try:
            self.writer.write(placed)
        except OSError as e:
            raise self.staged.failed(e) from e

    def write_table(self, table: pa.Table) -> None:
        """Add rows made by `joined.joined_table` (a Dask partition's)."""
        try:
            self.writer.write_table(table)
        except OSError as e:
            raise self.staged.failed(e) from e

    def close(self) -> None:
        """Finish the file and flush it to the disk."""
        try:
            self.writer.close()
        except OSError as e:
            raise self.staged.failed(e) from e
        self.staged.finish()


def count_events(spec: EventsSpec, geography: Geography, staged: StagedFile | None,
                 timings: Stopwatch | None = None) -> Tally:
    """Place and count every row of the table with the spec's engine, writing the joined
    events into `staged` when given."""
    table = open_table(spec)
    sink = JoinedSink(staged) if staged is not None else None
    if spec.engine == "dask":
        from .on_dask import dask_events
        tally = dask_events(table, geography, sink, timings)
    else:
        tally = stream_events(table, geography, sink, timings)
    if sink is not None:
        with _stage(timings, "joined events"):
            sink.close()
    return tally


def empty_tally(spec: EventsSpec, geography: Geography) -> Tally:
    """A tally with nothing counted yet."""
    return Tally(spec=spec, radius_m=geography.radius_m,
                 crossing_ids=sorted(geography.crossings["id"]))


def stream_events(table: EventsTable, geography: Geography, sink: JoinedSink | None,
                  timings: Stopwatch | None = None) -> Tally:
    """Read, place and count the table a batch of `spec.batch_rows` rows at a time. A batch's
    joined rows are written by a second thread while the next batch is placed (Parquet's
    encoding and compression let go of the GIL): two cores at work, at most two batches in
    memory."""
    spec = table.spec
    tally = empty_tally(spec, geography)
    # CSV: bytes read of the file's size (its rows are known only once read); Parquet: rows.
    total = table.size if table.csv else table.rows()
    writing: Future | None = None
    with Progress(spec.table.name, total, "bytes" if table.csv else "rows") as progress, \
            ThreadPoolExecutor(1, thread_name_prefix="joined-events") as writer:
        batches = table.batches(spec.batch_rows, on_bytes=(
            (lambda n: progress.advance(amount=n)) if table.csv else None))
        while True:
            with _stage(timings, "read"):
                batch = next(batches, None)
            if batch is None:
                break
            placed = place_batch(batch.table, batch.first_row, spec, geography, timings)
            del batch
            with _stage(timings, "aggregate"):
                tally.add(placed)
            rows = len(placed.row)
            if sink is not None:
                with _stage(timings, "joined events"):
                    joined = joined_table(placed)
                    del placed
                    if writing is not None:
                        writing.result()  # one batch at a time, in order
                    writing = writer.submit(sink.write_table, joined)
                    del joined
            progress.advance(rows=rows, amount=0 if table.csv else rows)
        if writing is not None:
            with _stage(timings, "joined events"):
                writing.result()
    return tally


def _stage(timings: Stopwatch | None, name: str):
    return timings.stage(name) if timings is not None else nullcontext()
