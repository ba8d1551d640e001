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

from ..exports.layers import Layer
from .place import PLACEMENTS
from .precision import LOCATION_LEVELS, period_start
from .tally import SERIES, Tally

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

    tally: Tally
    periods: np.ndarray  # datetime64[D] period starts, every period of the table's range
    counts: dict[str, np.ndarray]  # crossing id -> attributed events per period (zeros kept)
    near: dict[str, np.ndarray]  # crossing id -> events that may be near it, per period
    totals: dict[str, dict[str, int]]  # crossing id -> TOTALS
    crossings: gpd.GeoDataFrame

    @property
    def period(self) -> str:
        """'month' or 'week' (weeks start on Monday, ISO 8601)."""
        return self.tally.spec.period

    @property
    def source(self) -> str:
        """The citation for the events, or the file name when none was given."""
        return self.tally.spec.source or self.tally.spec.table.name


def aggregate(tally: Tally, crossings: gpd.GeoDataFrame) -> EventCounts:
    """Dense per-crossing series over the range of the placed events' dates."""
    period = tally.spec.period
    if np.isnat(tally.first_date):
        periods = np.array([], dtype="datetime64[D]")
    else:
        first, last = period_start(np.array([tally.first_date, tally.last_date]), period)
        periods = np.unique(period_start(np.arange(first, last + np.timedelta64(1, "D")),
                                         period))
    ids = tally.crossing_ids

    def table(key: str) -> dict[str, np.ndarray]:
        grid = np.zeros((len(ids), len(periods)), np.int64)
        for (placement, code, day), count in tally.series.items():
            if placement == key:
                grid[code, np.searchsorted(periods, np.datetime64(day, "D"))] += count
        return {cid: grid[ids.index(cid)] if cid in ids else np.zeros(len(periods), np.int64)
                for cid in sorted(crossings["id"])}

    undated, vague = tally.undated["attributed"], tally.by_crossing["too_imprecise"]
    totals = {cid: {"date_too_uncertain": int(undated[ids.index(cid)]) if cid in ids else 0,
                    "too_imprecise": int(vague[ids.index(cid)]) if cid in ids else 0}
              for cid in sorted(crossings["id"])}
    return EventCounts(tally=tally, periods=periods, counts=table("attributed"),
                       near=table("may_be_near"), totals=totals, crossings=crossings)


def page_counts(event_counts: EventCounts) -> dict:
    """The `activity` key of the page data: per-crossing series and how rows were counted."""
    tally = event_counts.tally
    iso = [str(p) for p in event_counts.periods]
    rows = {"read": tally.read, "set_aside": tally.placements["set_aside"]}
    rows.update({key: tally.placements[key] for key in PLACEMENTS if key != "set_aside"})
    rows["date_too_uncertain"] = int(sum(tally.undated[key].sum() for key in SERIES))
    return {
        "source": event_counts.source,
        "table": tally.spec.table.name,
        "precision_column": tally.spec.location_precision_col,
        "period": event_counts.period,
        "radius_m": tally.radius_m,
        "periods": iso,
        # [period start, attributed, may be near] for every period
        "by_crossing": {cid: [[p, int(n), int(m)] for p, n, m in
                              zip(iso, c, event_counts.near[cid], strict=True)]
                        for cid, c in event_counts.counts.items()},
        "totals": event_counts.totals,
        "rows": rows,
        "levels": {key: int(n) for key, n in zip(LOCATION_LEVELS, tally.levels, strict=True)
                   if n},
        "bad_rows": {k: n for k, n in tally.bad.items() if n},
    }


def count_layers(event_counts: EventCounts) -> dict[str, Layer]:
    """The counts as export layers: per crossing and period (activity.csv), and per crossing
    with its series nested (activity.geojson)."""
    crossings = event_counts.crossings.set_index("id")
    iso = [str(p) for p in event_counts.periods]
    radius_m, period, source = (event_counts.tally.radius_m, event_counts.period,
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
