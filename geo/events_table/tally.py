"""What the counts, the page and the summary need from the events table, added up batch by
batch (`add`), or partition by partition on Dask workers and then together (`merge`): a few
numbers per crossing, level and period, never per row. Adding the batches of a table in any
order or grouping gives the same tally as placing it whole."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .clean import BAD_KINDS, EXAMPLES_PER_KIND, quoted
from .place import PLACEMENTS, Placed
from .precision import LOCATION_LEVELS, POINT_LEVELS, level_index
from .spec import EventsSpec
from .summary import summary

# The placements counted per period: attributed, and may be near (always apart).
SERIES = ("attributed", "may_be_near")
_NO_DATE = np.datetime64("NaT", "D")


@dataclass(kw_only=True)
class Tally:
    """Rows by what became of them: in all, per crossing, per location level and per period."""

    spec: EventsSpec
    radius_m: float
    crossing_ids: list[str]  # sorted: the order of every per-crossing array
    read: int = 0
    bad: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BAD_KINDS, 0))
    # The first rows of each kind of problem: (row number, what is wrong).
    example_rows: dict[str, list[tuple[int, str]]] = field(
        default_factory=lambda: {kind: [] for kind in BAD_KINDS})
    placements: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PLACEMENTS, 0))
    levels: np.ndarray = field(  # usable rows per location level
        default_factory=lambda: np.zeros(len(LOCATION_LEVELS), np.int64))
    vague_levels: np.ndarray = field(  # too-imprecise rows per location level
        default_factory=lambda: np.zeros(len(LOCATION_LEVELS), np.int64))
    # Per point level, the least and most metres of its usable rows (NaN: none seen).
    metres: np.ndarray = field(default_factory=lambda: np.full((len(LOCATION_LEVELS), 2),
                                                               np.nan))
    # Per placement, rows per nearest crossing (those that have one).
    by_crossing: dict[str, np.ndarray] = field(default_factory=dict)
    # Attributed and may-be-near rows whose dates span more than one period, per crossing.
    undated: dict[str, np.ndarray] = field(default_factory=dict)
    first_date: np.datetime64 = _NO_DATE  # of the usable rows
    last_date: np.datetime64 = _NO_DATE
    # (placement in SERIES, crossing code, period start in days since 1970) -> rows.
    series: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def __post_init__(self):
        n = len(self.crossing_ids)
        for key in PLACEMENTS:
            self.by_crossing.setdefault(key, np.zeros(n, np.int64))
        for key in SERIES:
            self.undated.setdefault(key, np.zeros(n, np.int64))

    @classmethod
    def of(cls, placed: Placed) -> Tally:
        """The tally of one placed batch (or a whole table placed at once)."""
        tally = cls(spec=placed.spec, radius_m=placed.radius_m,
                    crossing_ids=list(placed.nearest.categories))
        tally.add(placed)
        return tally

    @property
    def ok(self) -> int:
        """Rows placed (not set aside)."""
        return self.read - self.placements["set_aside"]

    @property
    def examples(self) -> dict[str, list[str]]:
        """The first rows of each kind of problem, as the summary quotes them."""
        return quoted(self.example_rows)

    def summary(self, names: dict[str, str]) -> str:
        """One paragraph: rows read, set aside, attributed, may be near, too imprecise."""
        return summary(self, names)

    def add(self, placed: Placed) -> None:
        """Count one placed batch in."""
        n = len(self.crossing_ids)
        self.read += len(placed.row)
        for kind, count in placed.bad.items():
            self.bad[kind] += count
        self._add_examples(placed.example_rows)
        ok = placed.ok
        level = placed.location.level
        self.levels += np.bincount(level[ok], minlength=len(LOCATION_LEVELS))
        for key in POINT_LEVELS:
            k = level_index(key)
            metres = placed.location.metres[ok & (level == k)]
            if len(metres) and not np.isnan(metres).all():
                self.metres[k] = [np.fmin(self.metres[k, 0], np.nanmin(metres)),
                                  np.fmax(self.metres[k, 1], np.nanmax(metres))]
        keys = list(PLACEMENTS)
        placement = np.asarray(placed.placement.codes).astype(np.int64)
        nearest = np.asarray(placed.nearest.codes).astype(np.int64)
        counts = np.bincount(placement, minlength=len(keys))
        near = nearest >= 0
        grid = np.bincount(placement[near] * n + nearest[near], minlength=len(keys) * n)
        for k, key in enumerate(keys):
            self.placements[key] += int(counts[k])
            self.by_crossing[key] += grid[k * n:(k + 1) * n]
        vague = placement == keys.index("too_imprecise")
        self.vague_levels += np.bincount(level[vague], minlength=len(LOCATION_LEVELS))
        dated = placed.dated
        for key in SERIES:
            rows = placement == keys.index(key)
            self.undated[key] += np.bincount(nearest[rows & ~dated], minlength=n)
            self._add_series(key, nearest[rows & dated], placed.period[rows & dated])
        if ok.any():
            dates = placed.date[ok]
            self.first_date = _earliest(self.first_date, dates.min())
            self.last_date = _latest(self.last_date, dates.max())

    def merge(self, other: Tally) -> None:
        """Count another tally of the same table in (a batch's, or a Dask worker's piece's)."""
        self.read += other.read
        for kind, count in other.bad.items():
            self.bad[kind] += count
        self._add_examples(other.example_rows)
        for key in PLACEMENTS:
            self.placements[key] += other.placements[key]
            self.by_crossing[key] += other.by_crossing[key]
        for key in SERIES:
            self.undated[key] += other.undated[key]
        self.levels += other.levels
        self.vague_levels += other.vague_levels
        self.metres[:, 0] = np.fmin(self.metres[:, 0], other.metres[:, 0])
        self.metres[:, 1] = np.fmax(self.metres[:, 1], other.metres[:, 1])
        self.first_date = _earliest(self.first_date, other.first_date)
        self.last_date = _latest(self.last_date, other.last_date)
        for key, count in other.series.items():
            self.series[key] = self.series.get(key, 0) + count

    def shift_rows(self, rows: int) -> None:
        """Number this tally's rows on by `rows` (a partition read without the rows before
        it)."""
        self.example_rows = {kind: [(row + rows, detail) for row, detail in found]
                             for kind, found in self.example_rows.items()}

    def _add_examples(self, found: dict[str, list[tuple[int, str]]]) -> None:
        for kind, rows in found.items():
            if rows:
                self.example_rows[kind] = sorted(self.example_rows[kind] + list(rows))[
                    :EXAMPLES_PER_KIND]

    def _add_series(self, key: str, codes: np.ndarray, periods: np.ndarray) -> None:
        if not len(codes):
            return
        days = periods.astype("datetime64[D]").astype(np.int64)
        first = int(days.min())
        span = int(days.max()) - first + 1
        # Rows per (crossing, period), counted rather than sorted: a few hundred cells.
        found = np.bincount(codes * span + (days - first))
        for cell in np.flatnonzero(found).tolist():
            code, day = divmod(cell, span)
            cell_key = (key, code, day + first)
            self.series[cell_key] = self.series.get(cell_key, 0) + int(found[cell])


def _earliest(a: np.datetime64, b: np.datetime64) -> np.datetime64:
    return b if np.isnat(a) else a if np.isnat(b) else min(a, b)


def _latest(a: np.datetime64, b: np.datetime64) -> np.datetime64:
    return b if np.isnat(a) else a if np.isnat(b) else max(a, b)
