"""Researcher exports: strict RFC 7946 GeoJSON and CSV twins of crossings, events, figures.

RFC 7946: WGS84 longitude/latitude, no `crs` member, counter-clockwise exterior rings,
coordinates to 6 decimals (~0.1 m), UTF-8 with Arabic unescaped.
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date

import shapely
from shapely.geometry import mapping

from .timeline import Timeline

DECIMALS = 6

EVENT_FIELDS = [
    "event_id", "date", "date_precision", "crossing_ids", "place", "lat", "lon", "event_type",
    "claimant", "claimant_side", "responds_to", "summary", "source_id", "source_url", "note",
    "match", "distance_m", "admin1_pcode", "admin3_pcode", "assessment", "disputed_by",
]
FIGURE_FIELDS = [
    "figure_id", "figure", "qualifier", "metric", "as_of", "as_of_precision", "period_start",
    "area", "area_name", "area_level", "area_label", "source_id", "source_url", "claimant",
    "note",
]
CROSSING_FIELDS = [
    "id", "name", "name_ar", "aliases", "kind", "admin1_pcode", "admin2_pcode", "admin3_pcode",
    "location_precision", "precision_m", "location_source", "first_reported", "summary",
    "source_ids", "latest_status", "latest_status_date", "event_ids",
]
# Per-crossing nested timeline entries (GeoJSON only; the CSV lists event_ids instead).
TIMELINE_FIELDS = ["event_id", "date", "date_precision", "event_type", "claimant",
                   "claimant_side", "summary", "source_id", "source_url", "responds_to",
                   "assessment", "disputed_by", "note"]


def clean(value):
    """A JSON-ready value: NaN and None to None, dates to ISO, numpy scalars to Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        return clean(value.item())
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


def rfc7946_geometry(geometry) -> dict | None:
    """A shapely geometry as RFC 7946 GeoJSON: CCW exterior rings, 6 decimals."""
    if geometry is None or geometry.is_empty:
        return None
    oriented = shapely.orient_polygons(geometry) if geometry.geom_type.endswith("Polygon") \
        else geometry
    rounded = shapely.set_precision(oriented, 10 ** -DECIMALS, mode="pointwise")
    return _round(mapping(rounded))


def _round(obj):
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    if isinstance(obj, list | tuple):
        return [_round(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def feature(properties: dict, geometry, feature_id=None) -> dict:
    """One GeoJSON Feature with cleaned properties."""
    out = {"type": "Feature"}
    if feature_id is not None:
        out["id"] = feature_id
    out["properties"] = clean(properties)
    out["geometry"] = rfc7946_geometry(geometry)
    return out


def dumps_collection(features: list[dict]) -> str:
    """A FeatureCollection as compact UTF-8 JSON text (Arabic unescaped)."""
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def _source_urls(timeline: Timeline) -> dict[str, str]:
    sources = timeline.joined.atlas.sources
    return dict(zip(sources["source_id"], sources["url"], strict=True))


def event_records(timeline: Timeline) -> list[dict]:
    """One flat record per event, in date order, crossing ids ';'-joined as in the input."""
    urls = _source_urls(timeline)
    records = []
    for _, e in timeline.events.iterrows():
        record = {f: e.get(f) for f in EVENT_FIELDS}
        record.update(crossing_ids=";".join(e["crossing_ids"]),
                      disputed_by=";".join(e["disputed_by"]),
                      source_url=urls.get(e["source_id"], ""),
                      lat=clean(e["lat"]), lon=clean(e["lon"]))
        records.append((clean(record), e.geometry))
    return records


def crossing_records(timeline: Timeline) -> list[tuple[dict, object, list[dict]]]:
    """Each crossing's flat properties, geometry and nested event timeline."""
    urls = _source_urls(timeline)
    by_id = timeline.events.set_index("event_id", drop=False)
    out = []
    for _, c in timeline.crossings.iterrows():
        props = {f: c.get(f) for f in CROSSING_FIELDS}
        entries = []
        for event_id in c["event_ids"]:
            e = by_id.loc[event_id]
            entry = {f: e.get(f) for f in TIMELINE_FIELDS}
            entry["source_url"] = urls.get(e["source_id"], "")
            entries.append(clean(entry))
        out.append((clean(props), c.geometry, entries))
    return out


def figure_records(timeline: Timeline) -> list[tuple[dict, object]]:
    """One record per figure; overlapping figures stay separate rows, never summed."""
    urls = _source_urls(timeline)
    records = []
    for _, f in timeline.joined.figures.iterrows():
        record = {k: f.get(k) for k in FIGURE_FIELDS}
        record["source_url"] = urls.get(f["source_id"], "")
        records.append((clean(record), f.geometry))
    return records


def crossings_geojson(timeline: Timeline) -> str:
    """Crossings with their latest status, status history and nested event timeline."""
    features = []
    for props, geometry, entries in crossing_records(timeline):
        history = timeline.crossings.set_index("id").loc[props["id"], "history"]
        features.append(feature({**props, "status_history": history, "timeline": entries},
                                geometry, props["id"]))
    return dumps_collection(features)


def events_geojson(timeline: Timeline) -> str:
    """Events as a flat layer on their own point or on their crossings."""
    return dumps_collection([feature(p, g, p["event_id"]) for p, g in event_records(timeline)])


def figures_geojson(timeline: Timeline) -> str:
    """Figures on a point inside their area, with qualifier and source."""
    return dumps_collection([feature(p, g, p["figure_id"]) for p, g in figure_records(timeline)])


def to_csv(rows: list[dict], fields: list[str]) -> str:
    """Rows as CSV text (LF line endings, every field in a fixed order)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _lonlat(geometry) -> dict:
    if geometry is None or geometry.is_empty or geometry.geom_type != "Point":
        return {"lon": None, "lat": None}
    return {"lon": round(geometry.x, DECIMALS), "lat": round(geometry.y, DECIMALS)}


def all_exports(timeline: Timeline) -> dict[str, str]:
    """Every export file's relative path and text."""
    crossings = [{**p, **_lonlat(g)} for p, g, _ in crossing_records(timeline)]
    events = [p for p, _ in event_records(timeline)]
    figures = [{**p, **_lonlat(g)} for p, g in figure_records(timeline)]
    return {
        "data/crossings.geojson": crossings_geojson(timeline),
        "data/events.geojson": events_geojson(timeline),
        "data/displacement.geojson": figures_geojson(timeline),
        "data/crossings.csv": to_csv(crossings, [*CROSSING_FIELDS, "lon", "lat"]),
        "data/events.csv": to_csv(events, EVENT_FIELDS),
        "data/displacement.csv": to_csv(figures, [*FIGURE_FIELDS, "lon", "lat"]),
    }
