"""Place every row of the events table at its nearest crossing within the matching radius and
in the OCHA sub-district it falls in, on coordinate arrays (`join.nearest_crossing_codes`,
`join.admin_area_codes`). Rows that cannot be placed are counted by kind and kept."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from ..join import admin_area_codes, nearest_crossing_codes
from .clean import BAD_KINDS, clean
from .read import read_table
from .spec import EventsSpec

if TYPE_CHECKING:
    from ..build import Stopwatch
    from ..timeline import Timeline


@dataclass(kw_only=True)
class Placed:
    """Every row of the events table, parsed, with its crossing and area (or a problem)."""

    spec: EventsSpec
    row: np.ndarray  # the row number a spreadsheet shows (header = 1) or the Parquet row (1…)
    ids: pa.Array | None
    labels: pa.Array | None
    date: np.ndarray  # datetime64[D], NaT where missing or not understood
    lat: np.ndarray
    lon: np.ndarray
    # Categoricals (codes, not a million strings); NaN where there is no value.
    problem: pd.Categorical  # the keys of BAD_KINDS joined by "; "; NaN for a placed row
    crossing_id: pd.Categorical  # NaN beyond the radius or set aside
    distance_m: np.ndarray
    admin1_pcode: pd.Categorical
    admin3_pcode: pd.Categorical
    radius_m: float
    bad: dict[str, int]  # rows per kind of problem
    examples: dict[str, list[str]]

    @property
    def ok(self) -> np.ndarray:
        """Rows placed (no problem)."""
        return np.asarray(self.problem.isna())

    @property
    def matched(self) -> np.ndarray:
        """Rows placed within the radius of a crossing."""
        return np.asarray(self.crossing_id.notna())

    def summary(self, names: dict[str, str]) -> str:
        """One paragraph: rows read, set aside by kind, within the radius per crossing."""
        read, ok = len(self.row), self.ok
        set_aside = read - int(ok.sum())
        matched = self.matched
        km = f"{self.radius_m / 1000:g} km"
        parts = [f"Events table {self.spec.table.name}: {read:,} rows read;"]
        if set_aside:
            kinds = "; ".join(f"{n:,} {BAD_KINDS[k]} (e.g. {self.examples[k][0]})"
                              for k, n in self.bad.items() if n)
            parts.append(f"{set_aside:,} set aside, each kept with the reason in the joined "
                         f"events ({kinds});")
        else:
            parts.append("none set aside;")
        counts = np.bincount(self.crossing_id.codes[matched],
                             minlength=len(self.crossing_id.categories))
        per = ", ".join(f"{names.get(i, i)} {n:,}" for i, n in
                        zip(self.crossing_id.categories, counts, strict=True) if n)
        parts.append(f"{int(matched.sum()):,} within {km} of a crossing"
                     + (f" ({per})" if per else "") + ",")
        parts.append(f"{int((ok & ~matched).sum()):,} farther than {km} from every crossing.")
        return " ".join(parts)


def place_events(spec: EventsSpec, timeline: Timeline,
                 timings: Stopwatch | None = None) -> Placed:
    """Read, clean and join the events table to the timeline's crossings (within its matching
    radius) and areas; every row is kept, problems counted.

    `timings`, when given, adds each stage's seconds to the build's stopwatch."""
    radius_m = timeline.radius_m

    def stage(name: str):
        return timings.stage(name) if timings is not None else nullcontext()

    with stage("read"):
        table, first_row = read_table(spec)
    with stage("parse/clean"):
        cleaned = clean(table, spec, first_row, timeline.boundaries.admin1.total_bounds)
    lat, lon = cleaned.lat, cleaned.lon
    ok = np.asarray(cleaned.problem.isna())
    with stage("project+join crossings"):
        codes, distance_m = np.full(len(lat), -1, dtype=np.int32), np.full(len(lat), np.nan)
        codes[ok], distance_m[ok], ids = nearest_crossing_codes(lon[ok], lat[ok],
                                                                timeline.crossings, radius_m)
        crossing_id = pd.Categorical.from_codes(codes, categories=ids)
    with stage("join areas"):
        area = np.full(len(lat), -1, dtype=np.int32)
        area[ok], areas = admin_area_codes(lon[ok], lat[ok], timeline.boundaries.admin3)
        admin3 = pd.Categorical.from_codes(area, categories=areas["pcode"].to_numpy())
        governorates = np.unique(areas["admin1_pcode"].to_numpy().astype(str))
        of_area = np.searchsorted(governorates, areas["admin1_pcode"].to_numpy().astype(str))
        admin1 = pd.Categorical.from_codes(np.where(area >= 0, of_area[area], -1),
                                           categories=governorates)
    return Placed(spec=spec, row=np.arange(len(lat)) + first_row,
                  ids=table[spec.id_col].combine_chunks() if spec.id_col else None,
                  labels=table[spec.label_col].combine_chunks() if spec.label_col else None,
                  date=cleaned.date, lat=lat, lon=lon, problem=cleaned.problem,
                  crossing_id=crossing_id, distance_m=distance_m, admin1_pcode=admin1,
                  admin3_pcode=admin3, radius_m=radius_m, bad=cleaned.bad,
                  examples=cleaned.examples)
