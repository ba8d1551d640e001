"""The record model of every export: a few flat `Layer`s built from the timeline.

The GeoJSON, CSV, GeoPackage and GeoParquet files (written by `geojson.py`, `spreadsheets.py`
and `gis.py`) all serialise these layers, so they hold the same rows with the same values (see
docs/data.md). The layers of events, figures and sources, and the crossings, start with the
input columns, so they can be fed back in as data/ (the extra columns are recomputed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from .. import schema
from ..timeline import Timeline

DECIMALS = 6

# Input columns first, then what the atlas derives.
EVENT_FIELDS = [
    *schema.EVENT_COLUMNS, "source_url", "match", "matched_crossing_id", "distance_m",
    "admin1_pcode", "admin3_pcode", "assessment", "disputed_by",
]
FIGURE_FIELDS = [*schema.FIGURE_COLUMNS, "area_level", "area_label", "area_label_ar",
                 "source_url"]
CROSSING_FIELDS = [*schema.CROSSING_PROPERTIES, "latest_status", "latest_status_date",
                   "event_ids"]
# One row per event x crossing: the link table behind crossing_ids (named or nearest).
LINK_FIELDS = ["event_id", "crossing_id", "match", "distance_m", "date", "date_precision",
               "event_type", "claimant_side", "assessment"]
SOURCE_FIELDS = list(schema.SOURCE_COLUMNS)
# Per-crossing nested timeline entries (GeoJSON only; the CSV lists event_ids instead).
TIMELINE_FIELDS = ["event_id", "date", "date_precision", "event_type", "claimant",
                   "claimant_ar", "claimant_side", "summary", "summary_ar", "source_id",
                   "source_url", "responds_to", "assessment", "disputed_by", "note", "note_ar"]
HISTORY_FIELDS = ["date", "date_precision", "known_by", "status", "event_id", "claimant",
                  "claimant_ar", "claimant_side"]
# Fields holding lists: JSON arrays in crossings.geojson, ';'-joined everywhere else.
LIST_FIELDS = {"aliases", "source_ids", "event_ids", "crossing_ids", "disputed_by"}


@dataclass(kw_only=True)
class Layer:
    """One flat table of the export: rows of plain values in a fixed field order."""

    name: str  # crossings, events, event_crossings, displacement, sources, activity…
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


def _source_urls(timeline: Timeline) -> dict[str, str]:
    sources = timeline.sources
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
    for _, f in timeline.figures.iterrows():
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
    return Layer(name="crossings", key=["id"], fields=CROSSING_FIELDS,
                 rows=[_flat(p, CROSSING_FIELDS) for p, _, _ in records],
                 geometries=[g for _, g, _ in records], lonlat=True)


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
    return Layer(name="events", key=["event_id"], fields=EVENT_FIELDS, rows=rows,
                 geometries=geometries)


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
    return Layer(name="event_crossings", key=["event_id", "crossing_id"], fields=LINK_FIELDS,
                 rows=rows, geometries=geometries, lonlat=True)


def figures_layer(timeline: Timeline) -> Layer:
    """Figures on a point inside their area."""
    records = figure_records(timeline)
    return Layer(name="displacement", key=["figure_id"], fields=FIGURE_FIELDS,
                 rows=[_flat(p, FIGURE_FIELDS) for p, _ in records],
                 geometries=[g for _, g in records], lonlat=True)


def sources_layer(timeline: Timeline) -> Layer:
    """The sources every row cites, as in sources.csv."""
    sources = timeline.sources
    rows = [{f: clean(row[f]) for f in SOURCE_FIELDS} for _, row in sources.iterrows()]
    return Layer(name="sources", key=["source_id"], fields=SOURCE_FIELDS, rows=rows,
                 geometries=None)


def layers_of(timeline: Timeline) -> list[Layer]:
    """Every flat layer of the export, in a fixed order."""
    return [crossings_layer(timeline), events_layer(timeline),
            event_crossings_layer(timeline), figures_layer(timeline),
            sources_layer(timeline)]


def lonlat(geometry) -> dict:
    """A point's lon and lat to 6 decimals; None for anything else."""
    if geometry is None or geometry.is_empty or geometry.geom_type != "Point":
        return {"lon": None, "lat": None}
    return {"lon": round(geometry.x, DECIMALS), "lat": round(geometry.y, DECIMALS)}
