"""Count the placed events per crossing per month (or week): for the map (never one marker per
event), the crossing's panel and the site's exports (data/activity.*, aggregates only).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from ..exports.layers import Layer
from .place import Placed

COUNT_FIELDS = ["crossing_id", "crossing_name", "period", "period_start", "events", "radius_m",
                "source"]
# activity.geojson: one point per crossing, its counts per period nested.
CROSSING_FIELDS = ["crossing_id", "crossing_name", "events_total", "radius_m", "period",
                   "source", "counts"]


@dataclass(kw_only=True)
class EventCounts:
    """Per crossing, the number of placed events within the radius in each period."""

    placed: Placed
    periods: np.ndarray  # datetime64[D] period starts, every period of the table's range
    counts: dict[str, np.ndarray]  # crossing id -> events per period (zeros kept)
    crossings: gpd.GeoDataFrame

    @property
    def period(self) -> str:
        """'month' or 'week' (weeks start on Monday, ISO 8601)."""
        return self.placed.spec.period

    @property
    def source(self) -> str:
        """The citation for the events, or the file name when none was given."""
        return self.placed.spec.source or self.placed.spec.table.name


def period_start(dates: np.ndarray, period: str) -> np.ndarray:
    """The first day of each date's month, or the Monday of its ISO week."""
    days = dates.astype("datetime64[D]")
    if period == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    # 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 == 0.
    return days - ((days.astype(np.int64) + 3) % 7).astype("timedelta64[D]")


def aggregate(placed: Placed, crossings: gpd.GeoDataFrame) -> EventCounts:
    """Dense per-crossing series over the range of the placed events' dates."""
    ok = placed.ok
    starts = period_start(placed.date[ok], placed.spec.period)
    if len(starts):
        first, last = starts.min(), starts.max()
        periods = np.unique(period_start(np.arange(first, last + np.timedelta64(1, "D")),
                                         placed.spec.period))
    else:
        periods = np.array([], dtype="datetime64[D]")
    code = placed.crossing_id.codes[ok].astype(np.int64)  # int8 codes would overflow below
    matched = code >= 0
    slot = np.searchsorted(periods, starts[matched])
    ids = list(placed.crossing_id.categories)
    table = np.bincount(code[matched] * len(periods) + slot,
                        minlength=len(ids) * len(periods)).reshape(len(ids), len(periods))
    counts = {cid: table[ids.index(cid)] if cid in ids else np.zeros(len(periods), np.int64)
              for cid in sorted(crossings["id"])}
    return EventCounts(placed=placed, periods=periods, counts=counts, crossings=crossings)


def page_counts(event_counts: EventCounts) -> dict:
    """The `activity` key of the page data: per-crossing series and how rows were counted."""
    placed = event_counts.placed
    iso = [str(p) for p in event_counts.periods]
    ok = placed.ok
    return {
        "source": event_counts.source,
        "table": placed.spec.table.name,
        "period": event_counts.period,
        "radius_m": placed.radius_m,
        "periods": iso,
        "by_crossing": {cid: [[p, int(n)] for p, n in zip(iso, c, strict=True)]
                        for cid, c in event_counts.counts.items()},
        "rows": {"read": len(placed.row), "set_aside": int((~ok).sum()),
                 "within_radius": int(placed.matched.sum()),
                 "beyond_radius": int((ok & ~placed.matched).sum())},
        "bad_rows": {k: n for k, n in placed.bad.items() if n},
    }


def count_layers(event_counts: EventCounts) -> dict[str, Layer]:
    """The counts as export layers: per crossing and period (activity.csv), and per crossing
    with its series nested (activity.geojson)."""
    crossings = event_counts.crossings.set_index("id")
    iso = [str(p) for p in event_counts.periods]
    by_crossing, by_period, points = [], [], []
    for cid, counts in event_counts.counts.items():
        name = crossings.loc[cid, "name"]
        series = [[p, int(n)] for p, n in zip(iso, counts, strict=True)]
        by_crossing.append({"crossing_id": cid, "crossing_name": name,
                            "events_total": int(counts.sum()),
                            "radius_m": event_counts.placed.radius_m, "period": event_counts.period,
                            "source": event_counts.source, "counts": series})
        points.append(crossings.loc[cid, "geometry"])
        by_period += [{"crossing_id": cid, "crossing_name": name, "period": event_counts.period,
                       "period_start": p, "events": n, "radius_m": event_counts.placed.radius_m,
                       "source": event_counts.source} for p, n in series]
    return {"activity": Layer(name="activity", key=["crossing_id", "period_start"],
                              fields=COUNT_FIELDS, rows=by_period, geometries=None),
            "activity_crossings": Layer(name="activity_crossings", key=["crossing_id"],
                                        fields=CROSSING_FIELDS, rows=by_crossing,
                                        geometries=points)}
