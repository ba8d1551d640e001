"""The Dask engine (`engine = "dask"`): the table cut into pieces (row groups of Parquet files,
or whole CSV files), each read, placed and counted on a dask.distributed worker — the same
`place_and_count` as the default engine, against the crossings, areas and settings
sent once to every worker — on a local cluster, or on the one at `scheduler`.

The pieces' results come back in the table's order (a few pieces ahead are always at work),
so the tallies add up to the default engine's and the joined events are written in the same
order. Workers read the table themselves: it must be at the same path on every one of them.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from contextlib import contextmanager

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import AtlasError, BuildError, DataError, Problem, setting
from ..stopwatch import Stopwatch, timed
from .place import Geography
from .progress import Progress
from .read import EventsTable, Piece
from .stream import JoinedSink, empty_tally, place_and_count, stream_events
from .tally import Tally

CONNECT_TIMEOUT_S = 10  # a scheduler that has not answered by then is not there


def dask_events(table: EventsTable, geography: Geography, sink: JoinedSink | None,
                timings: Stopwatch | None = None) -> Tally:
    """Place and count the table's pieces on Dask workers; write their joined rows in order."""
    spec = table.spec
    pieces = table.pieces(spec.batch_rows)
    if not pieces:  # a Parquet file without a row group: nothing to send anywhere
        return stream_events(table, geography, sink, timings)
    tally = empty_tally(spec, geography)
    total = table.size if table.csv else table.rows()
    with _client(spec) as client, Progress(spec.table.name, total,
                                           "bytes" if table.csv else "rows") as progress:
        where = client.scatter(geography, broadcast=True)
        window = max(sum(client.nthreads().values()), 1) + 1  # one piece ahead per thread
        running: deque = deque()
        done = 0  # rows of the pieces already counted: the next piece's rows follow them
        for piece in pieces:
            running.append((piece, client.submit(place_piece, table, piece, where,
                                                 sink is not None, pure=False)))
            if len(running) < window:
                continue
            done = _collect(running.popleft(), done, tally, sink, progress, table, timings)
        while running:
            done = _collect(running.popleft(), done, tally, sink, progress, table, timings)
    return tally


def place_piece(table: EventsTable, piece: Piece, geography: Geography,
                joined: bool) -> tuple[Tally, pa.Table | None]:
    """On a worker: one piece read, placed and counted (rows numbered from the piece's own
    start), and its joined rows when they are wanted."""
    return place_and_count(table.read_piece(piece), piece.start, table.spec, geography,
                           joined=joined)


def _collect(item: tuple[Piece, object], done: int, tally: Tally, sink: JoinedSink | None,
             progress: Progress, table: EventsTable, timings: Stopwatch | None) -> int:
    """Wait for a piece, count it in with its rows numbered on, write its joined rows."""
    piece, future = item
    with timed(timings, "place on workers"):
        try:
            part, joined = future.result()
        except AtlasError:
            raise
        except Exception as e:  # raised on a worker: most likely one not set up to run it
            raise BuildError([Problem(setting("engine"), "", f"a Dask worker failed on "
                                      f"{piece.path.name} ({type(e).__name__}: {e})",
                                      "install the package and its locked dependencies on "
                                      "every worker, and put the table at the same path on "
                                      "each")]) from None
    part.shift_rows(done)
    tally.merge(part)
    if sink is not None:
        if done:
            joined = joined.set_column(0, "row", pc.add(joined["row"], done))
        sink.write_table(joined)
    progress.advance(rows=part.read, amount=piece.size if table.csv else part.read)
    return done + part.read


@contextmanager
def _client(spec):
    """A client of the scheduler at `spec.scheduler`, or of a new local cluster (one worker
    process per core, closed afterwards)."""
    from distributed import Client, LocalCluster

    if spec.scheduler:
        try:
            client = Client(spec.scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as e:
            raise DataError([Problem(setting("scheduler"), "", f"no Dask scheduler answered "
                                     f"at {spec.scheduler!r} ({e})",
                                     "start one (`dask scheduler`, then `dask worker "
                                     "tcp://HOST:8786` on each machine) or check the address; "
                                     f"leave out {setting('scheduler')} for a local cluster")]
                            ) from None
        with client:
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
            except TimeoutError:
                raise DataError([Problem(setting("scheduler"), "", f"the Dask scheduler at "
                                         f"{spec.scheduler!r} has no workers",
                                         "start some: `dask worker ADDRESS` on each machine")]
                                ) from None
            yield client
        return
    # Quiet: a worker's failure reaches the build as an error; its logs would only add noise.
    cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=":0",
                           silence_logs=logging.CRITICAL)
    with cluster, Client(cluster) as client:
        yield client
