"""Place every row of the events table: attributed to its nearest crossing only when its location
is known at least as well as the matching radius and lies within it; "may be near" when its
uncertainty could reach a crossing's radius; too imprecise when only an area is known; and in
the OCHA sub-district it falls in. On coordinate arrays (`join.nearest_crossing_codes`,
`area_lookup.AreaLookup`). Rows that cannot be placed are counted by kind and kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa

from ..area_lookup import AreaLookup
from ..join import nearest_crossing_codes
from ..stopwatch import Stopwatch, timed
from .clean import clean, quoted
from .precision import (
    LOCATION_LEVELS,
    POINT_LEVELS,
    Dates,
    Location,
    date_range,
    level_index,
    location_precision,
    period_start,
)
from .read import read_table
from .spec import EventsSpec

if TYPE_CHECKING:
    from ..timeline import Timeline

# Where each row ends up, in this order in the joined events and the summary.
PLACEMENTS = {
    "attributed": "attributed to a crossing",
    "may_be_near": "may be near a crossing, counted apart",
    "too_imprecise": "too imprecise to place",
    "beyond_radius": "farther than the radius from every crossing",
    "set_aside": "set aside",
}
# Why a row is not attributed to a crossing.
REASONS = {
    "location_wider_than_radius": "located only to within more than the radius",
    "uncertainty_reaches_radius": "its point lies beyond the radius, but its uncertainty "
                                  "reaches it",
    "area_only": "located only to an area, whose point is a stand-in",
    "precision_unknown": "its location precision is not defined",
    "beyond_radius": "farther than the radius (and its uncertainty) from every crossing",
    "set_aside": "set aside: see problem",
}


@dataclass(kw_only=True)
class Placed:
    """Every row of the events table, parsed, with its placement and area (or a problem)."""

    spec: EventsSpec
    row: np.ndarray  # the row number a spreadsheet shows (header = 1) or the Parquet row (1…)
    ids: pa.Array | None
    labels: pa.Array | None
    fatalities: pa.Array | None
    date: np.ndarray  # datetime64[D], NaT where missing or not understood
    dates: Dates  # the days each event may fall on, after its date precision code
    period: np.ndarray  # datetime64[D]: the one counting period holding them; NaT if none
    lat: np.ndarray
    lon: np.ndarray
    location: Location  # each row's location level and precision in metres
    # Categoricals (codes, not a million strings); NaN where there is no value.
    problem: pd.Categorical  # the keys of BAD_KINDS joined by "; "; NaN for a usable row
    placement: pd.Categorical  # a key of PLACEMENTS
    reason: pd.Categorical  # a key of REASONS; NaN for an attributed row
    crossing_id: pd.Categorical  # the crossing an attributed row counts at; NaN otherwise
    nearest: pd.Categorical  # the nearest crossing within reach (attributed, may be near, or
    # the crossing within whose radius an area's stand-in point lies)
    distance_m: np.ndarray  # metres to `nearest`
    admin1_pcode: pd.Categorical
    admin3_pcode: pd.Categorical
    radius_m: float
    bad: dict[str, int]  # rows per kind of problem
    example_rows: dict[str, list[tuple[int, str]]]  # a few of each kind: (row, what is wrong)

    @property
    def ok(self) -> np.ndarray:
        """Rows placed (no problem)."""
        return np.asarray(self.problem.isna())

    @property
    def matched(self) -> np.ndarray:
        """Rows attributed to a crossing."""
        return np.asarray(self.placement == "attributed")

    @property
    def dated(self) -> np.ndarray:
        """Rows whose dates fall in one counting period (month or week)."""
        return ~np.isnat(self.period)

    @property
    def examples(self) -> dict[str, list[str]]:
        """A few rows of each kind of problem, as the summary quotes them."""
        return quoted(self.example_rows)


@dataclass(frozen=True, kw_only=True)
class Geography:
    """What every batch is placed against: the crossings, the sub-districts, the matching
    radius and the region's bounds. Small, so it is sent once to every Dask worker."""

    crossings: gpd.GeoDataFrame  # id, geometry
    admin3: gpd.GeoDataFrame  # pcode, admin1_pcode, geometry
    radius_m: float
    bounds: tuple[float, float, float, float]  # Syria's: west, south, east, north
    # admin3 prepared for point-in-polygon tests, its grid built once for every batch.
    areas: AreaLookup = field(default=None, compare=False)

    def __post_init__(self):
        if self.areas is None:
            object.__setattr__(self, "areas", AreaLookup(self.admin3))

    @classmethod
    def of(cls, timeline: Timeline) -> Geography:
        """The timeline's crossings and areas, only the columns placing reads."""
        admin3 = timeline.boundaries.admin3[["pcode", "admin1_pcode", "geometry"]]
        return cls(crossings=timeline.crossings[["id", "geometry"]], admin3=admin3,
                   radius_m=timeline.radius_m,
                   bounds=tuple(float(b) for b in timeline.boundaries.admin1.total_bounds))


def place_events(spec: EventsSpec, timeline: Timeline,
                 timings: Stopwatch | None = None) -> Placed:
    """Read the whole table and place every row (`place_batch`), for a table that fits in
    memory; a build streams it instead (`stream.py`)."""
    with timed(timings, "read"):
        table, first_row = read_table(spec)
    return place_batch(table, first_row, spec, Geography.of(timeline), timings)


def place_batch(table: pa.Table, first_row: int, spec: EventsSpec, geography: Geography,
                timings: Stopwatch | None = None) -> Placed:
    """Clean and join some rows of the events table (numbered from `first_row`) to the
    crossings (within the matching radius, as far as each row's location is known) and
    areas; every row is kept, problems counted.

    `timings`, when given, adds each stage's seconds to the build's stopwatch."""
    radius_m = geography.radius_m
    with timed(timings, "parse/clean"):
        cleaned = clean(table, spec, first_row, geography.bounds)
        location = location_precision(table, spec)
        dates = date_range(table, spec, cleaned.date, cleaned.date_end)
        first = period_start(dates.first, spec.period)
        # Most events fall on one day: only the others need the period of their last day.
        apart = np.flatnonzero(dates.last != dates.first)  # NaT is never equal to itself
        one_period = np.ones(len(first), dtype=bool)
        one_period[apart] = period_start(dates.last[apart], spec.period) == first[apart]
        period = np.where(one_period & ~dates.unknown_code, first, np.datetime64("NaT", "D"))
    lat, lon = cleaned.lat, cleaned.lon
    ok = np.asarray(cleaned.problem.isna())
    point = np.isin(location.level, [level_index(k) for k in POINT_LEVELS])
    # A point's reach: its uncertainty; an area's stand-in point, or an unknown precision,
    # reaches no farther than itself (it is only ever reported, never attributed).
    extra = np.where(point, np.nan_to_num(location.metres, nan=0.0), 0.0)
    with timed(timings, "project+join crossings"):
        codes, distance_m = np.full(len(lat), -1, dtype=np.int32), np.full(len(lat), np.nan)
        codes[ok], distance_m[ok], ids = nearest_crossing_codes(
            lon[ok], lat[ok], geography.crossings, radius_m, extra[ok])
        placement, reason, attributed = _placements(ok, point, location, codes, distance_m,
                                                    radius_m)
        nearest = pd.Categorical.from_codes(codes, categories=ids)
        crossing_id = pd.Categorical.from_codes(np.where(attributed, codes, -1), categories=ids)
    with timed(timings, "join areas"):
        area = np.full(len(lat), -1, dtype=np.int32)
        area[ok], areas = geography.areas.codes(lon[ok], lat[ok])
        admin3 = pd.Categorical.from_codes(area, categories=areas["pcode"].to_numpy())
        governorates = np.unique(areas["admin1_pcode"].to_numpy().astype(str))
        of_area = np.searchsorted(governorates, areas["admin1_pcode"].to_numpy().astype(str))
        admin1 = pd.Categorical.from_codes(np.where(area >= 0, of_area[area], -1),
                                           categories=governorates)

    def column(name: str | None) -> pa.Array | None:
        return table[name].combine_chunks() if name else None

    return Placed(spec=spec, row=np.arange(len(lat)) + first_row, ids=column(spec.id_col),
                  labels=column(spec.label_col), fatalities=column(spec.fatalities_col),
                  date=cleaned.date, dates=dates, period=period, lat=lat, lon=lon,
                  location=location, problem=cleaned.problem, placement=placement,
                  reason=reason, crossing_id=crossing_id, nearest=nearest,
                  distance_m=distance_m, admin1_pcode=admin1, admin3_pcode=admin3,
                  radius_m=radius_m, bad=cleaned.bad, example_rows=cleaned.examples)


def _placements(ok, point, location: Location, codes, distance_m, radius_m):
    """Each row's placement and reason (categoricals) and the attributed mask."""
    found = codes >= 0
    sure = point & ~(location.metres > radius_m)  # NaN (not given) is taken as the point
    attributed = ok & sure & found & (distance_m <= radius_m)
    near = ok & point & found & ~attributed
    unknown = location.level == level_index("unknown")
    keys = list(PLACEMENTS)
    placement = np.select(
        [~ok, attributed, near, ok & ~point],
        [keys.index("set_aside"), keys.index("attributed"), keys.index("may_be_near"),
         keys.index("too_imprecise")], default=keys.index("beyond_radius")).astype(np.int8)
    why = list(REASONS)
    reason = np.select(
        [~ok, attributed, near & ~sure, near, ok & unknown, ok & ~point],
        [why.index("set_aside"), -1, why.index("location_wider_than_radius"),
         why.index("uncertainty_reaches_radius"), why.index("precision_unknown"),
         why.index("area_only")], default=why.index("beyond_radius")).astype(np.int8)
    return (pd.Categorical.from_codes(placement, categories=keys),
            pd.Categorical.from_codes(reason, categories=why), attributed)


__all__ = ["LOCATION_LEVELS", "PLACEMENTS", "REASONS", "Geography", "Placed", "place_batch",
           "place_events"]
