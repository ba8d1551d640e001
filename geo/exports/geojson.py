"""Strict RFC 7946 GeoJSON: WGS84 longitude/latitude, no `crs` member, counter-clockwise
exterior rings, coordinates to 6 decimals (~0.1 m), UTF-8 with Arabic unescaped."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import mapping

from ..timeline import Timeline
from .layers import DECIMALS, HISTORY_FIELDS, Layer, clean, crossing_records


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
