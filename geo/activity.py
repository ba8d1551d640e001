"""Aggregate the placed external events: counts per crossing per month (or week), for the map
(never one marker per event) and the site's exports; and the joined events as GeoParquet, for
the researcher only (every row: never part of the published site).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .export import dumps_collection, feature, to_csv
from .external import BAD_KINDS, Placed

ACTIVITY_CSV_FIELDS = ["crossing_id", "crossing_name", "period", "period_start", "events",
                       "radius_m", "source"]


@dataclass
class Activity:
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


def aggregate(placed: Placed, crossings: gpd.GeoDataFrame) -> Activity:
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
    return Activity(placed, periods, counts, crossings)


def page_activity(activity: Activity) -> dict:
    """The `activity` key of the page data: per-crossing series and how rows were counted."""
    placed = activity.placed
    iso = [str(p) for p in activity.periods]
    ok = placed.ok
    return {
        "source": activity.source,
        "table": placed.spec.table.name,
        "period": activity.period,
        "radius_m": placed.radius_m,
        "periods": iso,
        "by_crossing": {cid: [[p, int(n)] for p, n in zip(iso, c, strict=True)]
                        for cid, c in activity.counts.items()},
        "rows": {"read": len(placed.row), "set_aside": int((~ok).sum()),
                 "within_radius": int(placed.matched.sum()),
                 "beyond_radius": int((ok & ~placed.matched).sum())},
        "bad_rows": {k: n for k, n in placed.bad.items() if n},
        "bad_labels": {k: BAD_KINDS[k] for k, n in placed.bad.items() if n},
    }


def activity_exports(activity: Activity) -> dict[str, str | bytes]:
    """activity.geojson and activity.csv (aggregates only), by site path."""
    crossings = activity.crossings.set_index("id")
    iso = [str(p) for p in activity.periods]
    features, rows = [], []
    for cid, counts in activity.counts.items():
        name = crossings.loc[cid, "name"]
        series = [[p, int(n)] for p, n in zip(iso, counts, strict=True)]
        features.append(feature({"crossing_id": cid, "crossing_name": name,
                                 "events_total": int(counts.sum()),
                                 "radius_m": activity.placed.radius_m,
                                 "period": activity.period, "source": activity.source,
                                 "counts": series}, crossings.loc[cid, "geometry"], cid))
        rows += [{"crossing_id": cid, "crossing_name": name, "period": activity.period,
                  "period_start": p, "events": n, "radius_m": activity.placed.radius_m,
                  "source": activity.source} for p, n in series]
    return {"data/activity.geojson": dumps_collection(features),
            "data/activity.csv": to_csv(rows, ACTIVITY_CSV_FIELDS)}


def events_parquet(placed: Placed) -> bytes:
    """Every row of the external table with its placement, as GeoParquet 1.0 (WKB points)."""
    n = len(placed.row)
    has_point = np.isfinite(placed.lat) & np.isfinite(placed.lon) & (
        np.abs(placed.lat) <= 90) & (np.abs(placed.lon) <= 180)
    # A WKB point is 21 bytes: byte order (1 = little-endian), type (1 = Point), x, y.
    wkb = np.zeros(n, dtype=[("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
    wkb["order"], wkb["type"], wkb["x"], wkb["y"] = 1, 1, placed.lon, placed.lat
    geometry = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(21), n, [None, pa.py_buffer(wkb.tobytes())]).cast(pa.binary())
    geometry = pa.compute.if_else(pa.array(has_point), geometry, None)
    columns = {"row": pa.array(placed.row, pa.int64())}
    if placed.ids is not None:
        columns["id"] = placed.ids
    if placed.labels is not None:
        columns["label"] = placed.labels
    columns.update({
        "date": pa.array(placed.date, pa.date32()),
        "lat": pa.array(placed.lat, from_pandas=True),
        "lon": pa.array(placed.lon, from_pandas=True),
        "problem": _text(placed.problem),
        "crossing_id": _text(placed.crossing_id),
        "distance_m": pa.array(placed.distance_m, from_pandas=True),
        "admin1_pcode": _text(placed.admin1_pcode),
        "admin3_pcode": _text(placed.admin3_pcode),
        "geometry": geometry,
    })
    lon, lat = placed.lon[has_point], placed.lat[has_point]
    bbox = [float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())] \
        if len(lon) else []
    # GeoParquet 1.0 metadata; no "crs" member means OGC:CRS84 (longitude, latitude).
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                    **({"bbox": bbox} if bbox else {})}}}
    table = pa.table(columns).replace_schema_metadata({"geo": json.dumps(geo)})
    buffer = io.BytesIO()
    # zstd level 1, dictionaries only for the few-valued columns: a third of the default's time.
    pq.write_table(table, buffer, compression="zstd", compression_level=1,
                   use_dictionary=["problem", "crossing_id", "admin1_pcode", "admin3_pcode"])
    return buffer.getvalue()


def _text(values: pd.Categorical) -> pa.Array:
    """A categorical as a dictionary-encoded string column (null where NaN), without copying
    a million strings."""
    codes = np.asarray(values.codes, dtype=np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0),
                                          pa.array(list(values.categories), pa.string()))
