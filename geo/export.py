"""Researcher exports: strict RFC 7946 GeoJSON and CSV twins of crossings, events, figures.

RFC 7946: WGS84 longitude/latitude, no `crs` member, counter-clockwise exterior rings,
coordinates to 6 decimals (~0.1 m), UTF-8 with Arabic unescaped.

Every export is built from a few flat `Layer`s, so the GeoJSON, CSV, GeoPackage and
GeoParquet files hold the same rows with the same values (see docs/data.md). The CSVs of
events, figures and sources, and crossings.geojson, start with the input columns, so they can
be fed back in as data/ (the extra columns are recomputed).
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import date

import shapely
from shapely.geometry import mapping

from . import schema
from .timeline import Timeline

DECIMALS = 6

# Input columns first, then what the atlas derives.
EVENT_FIELDS = [
    *schema.EVENT_COLUMNS, "source_url", "match", "matched_crossing_id", "distance_m",
    "admin1_pcode", "admin3_pcode", "assessment", "disputed_by",
]
FIGURE_FIELDS = [*schema.FIGURE_COLUMNS, "area_level", "area_label", "source_url"]
CROSSING_FIELDS = [*schema.CROSSING_PROPERTIES, "latest_status", "latest_status_date",
                   "event_ids"]
# One row per event x crossing: the link table behind crossing_ids (named or nearest).
LINK_FIELDS = ["event_id", "crossing_id", "match", "distance_m", "date", "date_precision",
               "event_type", "claimant_side", "assessment"]
SOURCE_FIELDS = list(schema.SOURCE_COLUMNS)
# Per-crossing nested timeline entries (GeoJSON only; the CSV lists event_ids instead).
TIMELINE_FIELDS = ["event_id", "date", "date_precision", "event_type", "claimant",
                   "claimant_side", "summary", "source_id", "source_url", "responds_to",
                   "assessment", "disputed_by", "note"]
HISTORY_FIELDS = ["date", "date_precision", "known_by", "status", "event_id", "claimant",
                  "claimant_side"]
# Fields holding lists: JSON arrays in crossings.geojson, ';'-joined everywhere else.
LIST_FIELDS = {"aliases", "source_ids", "event_ids", "crossing_ids", "disputed_by"}


@dataclass
class Layer:
    """One flat table of the export: rows of plain values in a fixed field order."""

    name: str  # crossings, events, event_crossings, displacement, sources
    key: list[str]  # the field(s) that identify a row
    fields: list[str]
    rows: list[dict]  # str, int, float or None; lists already ';'-joined
    geometries: list | None  # shapely geometries (or None) per row; None for a plain table
    lonlat: bool = False  # the CSV adds lon and lat columns from the point geometry

    def feature_id(self, row: dict) -> str:
        """The stable GeoJSON id of a row: its key, '/'-joined."""
        return "/".join(str(row[k]) for k in self.key)

    def csv_fields(self) -> list[str]:
        """The columns of the layer's CSV."""
        return [*self.fields, "lon", "lat"] if self.lonlat else list(self.fields)

    def csv_rows(self) -> list[dict]:
        """Rows with lon/lat added for the CSV."""
        if not self.lonlat:
            return self.rows
        return [{**row, **lonlat(g)} for row, g in zip(self.rows, self.geometries, strict=True)]


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


def event_records(timeline: Timeline) -> list[tuple[dict, object]]:
    """One record and geometry per event, in date order; crossing_ids as matched (page use)."""
    urls = _source_urls(timeline)
    records = []
    for _, e in timeline.events.iterrows():
        record = {f: e.get(f) for f in EVENT_FIELDS}
        nearest = e["match"] == "nearest" and bool(e["crossing_ids"])
        record.update(crossing_ids=";".join(e["crossing_ids"]),
                      disputed_by=";".join(e["disputed_by"]),
                      source_url=urls.get(e["source_id"], ""),
                      matched_crossing_id=e["crossing_ids"][0] if nearest else None,
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


def _flat(record: dict, fields: list[str]) -> dict:
    """A record with lists ';'-joined, in field order."""
    return {k: ";".join(record[k]) if isinstance(record.get(k), list) else record.get(k)
            for k in fields}


def crossings_layer(timeline: Timeline) -> Layer:
    """Crossings as a flat point layer (the GeoJSON nests their timeline as well)."""
    records = crossing_records(timeline)
    return Layer("crossings", ["id"], CROSSING_FIELDS,
                 [_flat(p, CROSSING_FIELDS) for p, _, _ in records],
                 [g for _, g, _ in records], lonlat=True)


def events_layer(timeline: Timeline) -> Layer:
    """One row per event; crossing_ids as the editor named them, location matches apart.

    The geometry is the event's own point, else its crossing's point, else a MultiPoint of
    its crossings, else none (see docs/data.md).
    """
    rows, geometries = [], []
    for record, geometry in event_records(timeline):
        if record["match"] == "nearest":
            record = {**record, "crossing_ids": ""}
        rows.append(_flat(record, EVENT_FIELDS))
        geometries.append(geometry)
    return Layer("events", ["event_id"], EVENT_FIELDS, rows, geometries)


def event_crossings_layer(timeline: Timeline) -> Layer:
    """One row per event x crossing, on the crossing's point: the crossing_ids link table."""
    where = timeline.crossings.set_index("id").geometry
    rows, geometries = [], []
    for _, e in timeline.events.iterrows():
        for crossing_id in e["crossing_ids"]:
            if crossing_id not in where.index:
                continue  # a crossing left out by --crossing
            row = {f: e.get(f) for f in LINK_FIELDS}
            row["crossing_id"] = crossing_id
            rows.append(clean(row))
            geometries.append(where[crossing_id])
    return Layer("event_crossings", ["event_id", "crossing_id"], LINK_FIELDS, rows, geometries,
                 lonlat=True)


def figures_layer(timeline: Timeline) -> Layer:
    """Figures on a point inside their area."""
    records = figure_records(timeline)
    return Layer("displacement", ["figure_id"], FIGURE_FIELDS,
                 [_flat(p, FIGURE_FIELDS) for p, _ in records], [g for _, g in records],
                 lonlat=True)


def sources_layer(timeline: Timeline) -> Layer:
    """The sources every row cites, as in sources.csv."""
    sources = timeline.joined.atlas.sources
    rows = [{f: clean(row[f]) for f in SOURCE_FIELDS} for _, row in sources.iterrows()]
    return Layer("sources", ["source_id"], SOURCE_FIELDS, rows, None)


def layers(timeline: Timeline) -> list[Layer]:
    """Every flat layer of the export, in a fixed order."""
    return [crossings_layer(timeline), events_layer(timeline),
            event_crossings_layer(timeline), figures_layer(timeline),
            sources_layer(timeline)]


def crossings_geojson(timeline: Timeline) -> str:
    """Crossings with their latest status, status history and nested event timeline."""
    features = []
    histories = timeline.crossings.set_index("id")["history"]
    for props, geometry, entries in crossing_records(timeline):
        history = [{k: step.get(k) for k in HISTORY_FIELDS} for step in histories[props["id"]]]
        features.append(feature({**props, "status_history": history, "timeline": entries},
                                geometry, props["id"]))
    return dumps_collection(features)


def layer_geojson(layer: Layer) -> str:
    """A flat layer as a FeatureCollection, ids from its key."""
    return dumps_collection([feature(row, g, layer.feature_id(row))
                             for row, g in zip(layer.rows, layer.geometries, strict=True)])


def to_csv(rows: list[dict], fields: list[str], hashtags: list[str] | None = None) -> str:
    """Rows as CSV text (LF line endings, fixed field order; an HXL hashtag row if given)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    if hashtags is not None:
        writer.writerow(dict(zip(fields, hashtags, strict=True)))
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return spreadsheet_safe(";".join(str(v) for v in value))
    return spreadsheet_safe(str(value))


# A spreadsheet runs a cell starting with one of these as a formula ("CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before a would-be formula.

    Numbers (e.g. -5.2) are left alone; the loader removes the apostrophe again, so exported
    CSVs read back as the same data.
    """
    if text.startswith(FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def lonlat(geometry) -> dict:
    """A point's lon and lat to 6 decimals; None for anything else."""
    if geometry is None or geometry.is_empty or geometry.geom_type != "Point":
        return {"lon": None, "lat": None}
    return {"lon": round(geometry.x, DECIMALS), "lat": round(geometry.y, DECIMALS)}
