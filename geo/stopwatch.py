"""The stage timer: wall and CPU seconds per named stage of a build, for the summary and the
benchmarks."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field


@dataclass
class Stopwatch:
    """Wall and CPU seconds per named stage of a build, summed over the threads that ran it:
    the events table is placed on two threads while a third writes, so stages overlap and
    their sum can exceed the build's wall time. CPU is each thread's own (a library's worker
    threads, such as Arrow's readers, are not counted)."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Add the block's wall and CPU time to the stage's totals."""
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
            with self.lock:
                self.wall[name] = self.wall.get(name, 0.0) + wall
                self.cpu[name] = self.cpu.get(name, 0.0) + cpu


def timed(timings: Stopwatch | None, name: str) -> AbstractContextManager:
    """The stage `name` of `timings`, or nothing when no stopwatch is given."""
    return timings.stage(name) if timings is not None else nullcontext()
