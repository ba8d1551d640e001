"""Count the placed events per crossing per month (or week): for the map (never one marker per
event), the crossing's panel and the site's exports (data/activity.*, aggregates only).

Attributed rows and rows that may be near a crossing are counted apart, never added together;
a row whose dates may fall in more than one period is in no period's count, only in its
crossing's total of dates too uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from ..exports.layers import Layer
from .place import PLACEMENTS, Placed
from .precision import LOCATION_LEVELS, period_start

COUNT_FIELDS = ["crossing_id", "crossing_name", "crossing_name_ar", "period", "period_start",
                "events", "may_be_near", "radius_m", "source"]
# activity.geojson: one point per crossing, its counts per period nested.
CROSSING_FIELDS = ["crossing_id", "crossing_name", "crossing_name_ar", "events_total",
                   "may_be_near_total", "date_too_uncertain", "too_imprecise", "radius_m",
                   "period", "source", "counts"]
# Per crossing, the rows that are in no period's count.
TOTALS = ("date_too_uncertain", "too_imprecise")


@dataclass(kw_only=True)
class EventCounts:
    """Per crossing, the placed events in each period: attributed, and may be near."""

    placed: Placed
    periods: np.ndarray  # datetime64[D] period starts, every period of the table's range
    counts: dict[str, np.ndarray]  # crossing id -> attributed events per period (zeros kept)
    near: dict[str, np.ndarray]  # crossing id -> events that may be near it, per period
    totals: dict[str, dict[str, int]]  # crossing id -> TOTALS
    crossings: gpd.GeoDataFrame

    @property
    def period(self) -> str:
        """'month' or 'week' (weeks start on Monday, ISO 8601)."""
        return self.placed.spec.period

    @property
    def source(self) -> str:
        """The citation for the events, or the file name when none was given."""
        return self.placed.spec.source or self.placed.spec.table.name


def aggregate(placed: Placed, crossings: gpd.GeoDataFrame) -> EventCounts:
    """Dense per-crossing series over the range of the placed events' dates."""
    starts = period_start(placed.date[placed.ok], placed.spec.period)
    if len(starts):
        first, last = starts.min(), starts.max()
        periods = np.unique(period_start(np.arange(first, last + np.timedelta64(1, "D")),
                                         placed.spec.period))
    else:
        periods = np.array([], dtype="datetime64[D]")
    ids = list(placed.nearest.categories)
    dated = placed.dated

    def table(crossing: pd.Categorical, rows: np.ndarray) -> dict[str, np.ndarray]:
        code = np.asarray(crossing.codes)[rows].astype(np.int64)  # int8 would overflow below
        slot = np.searchsorted(periods, placed.period[rows])
        grid = np.bincount(code * len(periods) + slot, minlength=len(ids) * len(periods))
        grid = grid.reshape(len(ids), len(periods))
        return {cid: grid[ids.index(cid)] if cid in ids else np.zeros(len(periods), np.int64)
                for cid in sorted(crossings["id"])}

    def per_crossing(rows: np.ndarray) -> np.ndarray:
        codes = np.asarray(placed.nearest.codes)[rows].astype(np.int64)
        return np.bincount(codes, minlength=len(ids))

    attributed, near = placed.where("attributed"), placed.where("may_be_near")
    undated = per_crossing(attributed & ~dated)
    vague = per_crossing(placed.where("too_imprecise") & np.asarray(placed.nearest.notna()))
    totals = {cid: {"date_too_uncertain": int(undated[ids.index(cid)]) if cid in ids else 0,
                    "too_imprecise": int(vague[ids.index(cid)]) if cid in ids else 0}
              for cid in sorted(crossings["id"])}
    return EventCounts(placed=placed, periods=periods,
                       counts=table(placed.crossing_id, attributed & dated),
                       near=table(placed.nearest, near & dated), totals=totals,
                       crossings=crossings)


def page_counts(event_counts: EventCounts) -> dict:
    """The `activity` key of the page data: per-crossing series and how rows were counted."""
    placed = event_counts.placed
    iso = [str(p) for p in event_counts.periods]
    ok = placed.ok
    rows = {"read": len(placed.row), "set_aside": int((~ok).sum())}
    rows.update({key: int(placed.where(key).sum()) for key in PLACEMENTS if key != "set_aside"})
    rows["date_too_uncertain"] = int(((placed.where("attributed") | placed.where(
        "may_be_near")) & ~placed.dated).sum())
    levels = np.bincount(placed.location.level[ok], minlength=len(LOCATION_LEVELS))
    return {
        "source": event_counts.source,
        "table": placed.spec.table.name,
        "precision_column": placed.spec.location_precision_col,
        "period": event_counts.period,
        "radius_m": placed.radius_m,
        "periods": iso,
        # [period start, attributed, may be near] for every period
        "by_crossing": {cid: [[p, int(n), int(m)] for p, n, m in
                              zip(iso, c, event_counts.near[cid], strict=True)]
                        for cid, c in event_counts.counts.items()},
        "totals": event_counts.totals,
        "rows": rows,
        "levels": {key: int(n) for key, n in zip(LOCATION_LEVELS, levels, strict=True) if n},
        "bad_rows": {k: n for k, n in placed.bad.items() if n},
    }


def count_layers(event_counts: EventCounts) -> dict[str, Layer]:
    """The counts as export layers: per crossing and period (activity.csv), and per crossing
    with its series nested (activity.geojson)."""
    crossings = event_counts.crossings.set_index("id")
    iso = [str(p) for p in event_counts.periods]
    radius_m, period, source = (event_counts.placed.radius_m, event_counts.period,
                                event_counts.source)
    by_crossing, by_period, points = [], [], []
    for cid, counts in event_counts.counts.items():
        name, name_ar = crossings.loc[cid, "name"], crossings.loc[cid, "name_ar"] or None
        near = event_counts.near[cid]
        series = [[p, int(n), int(m)] for p, n, m in zip(iso, counts, near, strict=True)]
        by_crossing.append({"crossing_id": cid, "crossing_name": name,
                            "crossing_name_ar": name_ar,
                            "events_total": int(counts.sum()),
                            "may_be_near_total": int(near.sum()),
                            **event_counts.totals[cid], "radius_m": radius_m,
                            "period": period, "source": source, "counts": series})
        points.append(crossings.loc[cid, "geometry"])
        by_period += [{"crossing_id": cid, "crossing_name": name, "crossing_name_ar": name_ar,
                       "period": period, "period_start": p, "events": n, "may_be_near": m,
                       "radius_m": radius_m, "source": source} for p, n, m in series]
    return {"activity": Layer(name="activity", key=["crossing_id", "period_start"],
                              fields=COUNT_FIELDS, rows=by_period, geometries=None),
            "activity_crossings": Layer(name="activity_crossings", key=["crossing_id"],
                                        fields=CROSSING_FIELDS, rows=by_crossing,
                                        geometries=points)}


__all__ = ["COUNT_FIELDS", "CROSSING_FIELDS", "EventCounts", "aggregate", "count_layers",
           "page_counts", "period_start"]
